namespace Handwriting.Kernels.Devices;

/// <summary>
/// The OpenCL implementations installed, read the way the ICD loader finds them (the files named
/// by OCL_ICD_VENDORS, else /etc/OpenCL/vendors/*.icd, each naming one library), without loading
/// any. `auto` asks this before it lets ILGPU list OpenCL devices: listing loads every
/// implementation, and PoCL (Debian's `pocl-opencl-icd`, which CI installs) maps some 58 MB of
/// LLVM and clang into the process and takes part of a second to start, only for `auto` to pass
/// its CPU device by (<see cref="OpenCLDevices.OnHostCpu"/>). So where PoCL is the only one,
/// `auto` does not list OpenCL at all; `--accelerator opencl` and `devices` always do.
/// </summary>
public static class OpenCLIcds
{
    /// <summary>The environment variable the ICD loader reads instead of the vendors folder: a folder of .icd files, or one file.</summary>
    public const string VendorsVariable = "OCL_ICD_VENDORS";

    private const string VendorsFolder = "/etc/OpenCL/vendors";

    /// <summary>The library each installed .icd file names, as written in it (for example "libpocl.so.2").</summary>
    public static IReadOnlyList<string> Libraries() => LibrariesIn(Environment.GetEnvironmentVariable(VendorsVariable));

    /// <summary>As <see cref="Libraries()"/>, with <paramref name="configured"/> in place of OCL_ICD_VENDORS (null or empty: the vendors folder).</summary>
    public static IReadOnlyList<string> LibrariesIn(string? configured)
    {
        string source = string.IsNullOrEmpty(configured) ? VendorsFolder : configured;
        IEnumerable<string> files = File.Exists(source) ? [source]
            : Directory.Exists(source) ? Directory.EnumerateFiles(source, "*.icd")
            : [];
        var libraries = new List<string>();
        foreach (string file in files)
        {
            try
            {
                string library = File.ReadAllText(file).Trim();
                if (library.Length > 0)
                {
                    libraries.Add(library);
                }
            }
            catch (IOException)
            {
                // An unreadable entry is one the ICD loader cannot load either.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return libraries;
    }

    /// <summary>
    /// Whether every installed implementation is PoCL (or there is none), so that no OpenCL device
    /// `auto` would take can be present: PoCL's devices run on the host CPU.
    /// </summary>
    public static bool OnlyHostCpuImplementations() => AreHostCpuOnly(Libraries());

    /// <summary>Whether every one of <paramref name="libraries"/> (as .icd files name them) is PoCL; true for none.</summary>
    public static bool AreHostCpuOnly(IEnumerable<string> libraries)
    {
        ArgumentNullException.ThrowIfNull(libraries);
        return libraries.All(library => Path.GetFileName(library).StartsWith("libpocl", StringComparison.Ordinal));
    }
}
