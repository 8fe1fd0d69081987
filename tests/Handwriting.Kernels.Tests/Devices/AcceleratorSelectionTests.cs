using Handwriting.Kernels.Devices;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>Which accelerator <see cref="ComputeDevice.Open"/> picks, and what it says when it cannot.</summary>
public sealed class AcceleratorSelectionTests
{
    [WithoutDeviceFact(AcceleratorKind.Cuda)]
    public void Asking_for_cuda_where_there_is_none_names_what_is_present() =>
        AssertAbsent(AcceleratorKind.Cuda, "cuda");

    // Asking for OpenCL where there is none: Handwriting.Runner.Tests' AcceleratorErrorTests, which
    // hides every OpenCL platform from a child process, so it runs on machines with PoCL too.

    /// <summary>
    /// Auto prefers CUDA, then an OpenCL device that is not the host CPU, then the CPU accelerator:
    /// on a machine with no GPU, the CPU accelerator, even where PoCL is installed.
    /// </summary>
    [Fact]
    public void Auto_takes_cuda_then_an_opencl_gpu_then_the_cpu()
    {
        var expected =
            DevicePresence.Has(AcceleratorKind.Cuda) ? AcceleratorKind.Cuda
            : DevicePresence.Devices.Any(d => d.Kind == AcceleratorKind.OpenCL && !d.OnHostCpu) ? AcceleratorKind.OpenCL
            : AcceleratorKind.Cpu;
        using var device = ComputeDevice.Open(AcceleratorKind.Auto);
        Assert.Equal(expected, device.Kind);
    }

    [Fact]
    public void The_catalog_always_lists_the_cpu()
    {
        var devices = DeviceCatalog.List();
        var cpu = Assert.Single(devices, d => d.Kind == AcceleratorKind.Cpu);
        Assert.Equal(CpuMultiprocessors, cpu.Multiprocessors);
        Assert.StartsWith("cpu: ", cpu.ToString(), StringComparison.Ordinal);
        Assert.True(DeviceCatalog.IsPresent(AcceleratorKind.Cpu));
        Assert.True(DeviceCatalog.IsPresent(AcceleratorKind.Auto));
    }

    /// <summary>What CpuConfiguration.ForHost gives: a warp of two threads per multiprocessor, one thread per core.</summary>
    internal static int CpuMultiprocessors => Math.Max(1, Environment.ProcessorCount / CpuConfiguration.ThreadsPerWarp);

    private static void AssertAbsent(AcceleratorKind kind, string name)
    {
        var error = Assert.Throws<DeviceNotFoundException>(() => ComputeDevice.Open(kind));
        Assert.Contains($"no {name} accelerator", error.Message, StringComparison.Ordinal);
        foreach (var present in DeviceCatalog.List())
        {
            Assert.Contains(present.Kind.ToString().ToLowerInvariant(), error.Message, StringComparison.Ordinal);
        }
    }
}

/// <summary>
/// The shared CPU device is laid out as CpuConfiguration says: one simulated thread per host core
/// (a multiprocessor of one warp of two threads per two cores, at least one), so that the CPU-only
/// kernels, which take every thread, run one per core.
/// </summary>
[Collection(CpuCollection.Name)]
public sealed class CpuAcceleratorTests(CpuDeviceFixture fixture)
{
    [Fact]
    public void Has_one_thread_per_host_core()
    {
        var accelerator = fixture.Device.Accelerator;
        Assert.Equal(AcceleratorType.CPU, accelerator.AcceleratorType);
        Assert.Equal(AcceleratorKind.Cpu, fixture.Device.Kind);
        Assert.Equal(AcceleratorSelectionTests.CpuMultiprocessors, accelerator.NumMultiprocessors);
        Assert.Equal(AcceleratorSelectionTests.CpuMultiprocessors, fixture.Device.Description.Multiprocessors);
        Assert.Equal(CpuConfiguration.ThreadsPerWarp, accelerator.WarpSize);
        Assert.Equal(Math.Max(CpuConfiguration.ThreadsPerWarp, Environment.ProcessorCount - (Environment.ProcessorCount % CpuConfiguration.ThreadsPerWarp)), accelerator.MaxNumThreads);
    }

    [Fact]
    public void A_custom_layout_holds_groups_of_the_size_asked_for()
    {
        using var device = ComputeDevice.OpenCpu(CpuConfiguration.ForGroupSize(64));
        Assert.Equal(AcceleratorKind.Cpu, device.Kind);
        Assert.True(device.Accelerator.MaxNumThreadsPerGroup >= 64, $"max group {device.Accelerator.MaxNumThreadsPerGroup}");
    }
}
