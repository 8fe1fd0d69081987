using Handwriting.Kernels.Devices;

namespace Handwriting.Benchmarks.Setup;

/// <summary>
/// The accelerators every benchmark runs on: the CPU accelerator always, then CUDA and OpenCL
/// where <see cref="DeviceCatalog.IsPresent"/> finds one. Asked once per process, because each
/// question opens an ILGPU context.
/// </summary>
public static class PresentAccelerators
{
    private static readonly Lazy<AcceleratorKind[]> Present = new(() =>
        [AcceleratorKind.Cpu, .. new[] { AcceleratorKind.Cuda, AcceleratorKind.OpenCL }.Where(DeviceCatalog.IsPresent)]);

    public static IReadOnlyList<AcceleratorKind> Kinds => Present.Value;
}
