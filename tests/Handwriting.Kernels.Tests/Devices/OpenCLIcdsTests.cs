using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// What `auto` reads before it lets ILGPU load any OpenCL implementation: the .icd files, as the
/// ICD loader finds them. Where PoCL is the only one, `auto` leaves OpenCL out (its devices are the
/// host CPU, which `auto` passes by, and loading it maps LLVM into the process).
/// </summary>
public sealed class OpenCLIcdsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("icds-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_folder_of_pocl_alone_is_host_cpu_only()
    {
        File.WriteAllText(Path.Combine(_folder, "pocl.icd"), "libpocl.so.2\n");
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "libnvidia-opencl.so.1\n"); // not an .icd: the loader ignores it

        var libraries = OpenCLIcds.LibrariesIn(_folder);

        Assert.Equal(["libpocl.so.2"], libraries);
        Assert.True(OpenCLIcds.AreHostCpuOnly(libraries));
    }

    [Fact]
    public void Any_other_implementation_beside_pocl_is_listed()
    {
        File.WriteAllText(Path.Combine(_folder, "pocl.icd"), "/usr/lib/x86_64-linux-gnu/pocl/libpocl.so.2.11.0");
        File.WriteAllText(Path.Combine(_folder, "nvidia.icd"), "libnvidia-opencl.so.1");

        var libraries = OpenCLIcds.LibrariesIn(_folder);

        Assert.Equal(["/usr/lib/x86_64-linux-gnu/pocl/libpocl.so.2.11.0", "libnvidia-opencl.so.1"], libraries.Order(StringComparer.Ordinal));
        Assert.False(OpenCLIcds.AreHostCpuOnly(libraries));
    }

    [Fact]
    public void A_single_file_is_read_as_the_one_implementation_and_nothing_is_none()
    {
        string file = Path.Combine(_folder, "intel.icd");
        File.WriteAllText(file, "libigdrcl.so");

        Assert.Equal(["libigdrcl.so"], OpenCLIcds.LibrariesIn(file));
        Assert.False(OpenCLIcds.AreHostCpuOnly(OpenCLIcds.LibrariesIn(file)));
        Assert.Empty(OpenCLIcds.LibrariesIn(Path.Combine(_folder, "absent")));
        Assert.True(OpenCLIcds.AreHostCpuOnly([]));
    }
}
