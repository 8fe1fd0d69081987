using ILGPU.Runtime;

namespace Handwriting.Kernels.Simd;

/// <summary>
/// The rule for CPU-only kernels (those marked <c>[Kernel(CpuOnly = true)]</c>): their bodies are
/// opaque to ILGPU (<c>[ILGPU.Frontend.External]</c>) and run as ordinary .NET code, which only the
/// CPU accelerator can do. The PTX backend throws on them and the OpenCL backend emits a call to
/// an undeclared function, so an op refuses to load one anywhere else, and the launchers choose
/// them only where <see cref="DeviceOps.Simd"/> is set, which only a CPU accelerator allows.
/// </summary>
public static class CpuOnly
{
    public static void Require(Accelerator accelerator, string op)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        if (accelerator.AcceleratorType != AcceleratorType.CPU)
        {
            throw new NotSupportedException($"{op} is a CPU-only kernel (SIMD over raw pointers); {accelerator.Name} is a {accelerator.AcceleratorType} accelerator.");
        }
    }

    /// <summary>The threads a CPU-only launch uses: every thread the CPU accelerator simulates (one per core, see CpuConfiguration).</summary>
    public static SimdLaunch Launch(Accelerator accelerator, SimdWidth width) => new(accelerator.MaxNumThreads, width);
}
