using ILGPU.Runtime;

namespace Handwriting.Kernels.Simd;

/// <summary>
/// The rule for CPU-only kernels (those marked <c>[Kernel(CpuOnly = true)]</c>): their bodies are
/// opaque to ILGPU (<c>[ILGPU.Frontend.External]</c>) and run as ordinary .NET code, which only the
/// CPU accelerator can do. The PTX backend throws on them and the OpenCL backend emits a call to
/// an undeclared function, so <see cref="VariantRule.CannotRunOn"/> refuses the SIMD variants
/// anywhere else, before anything is compiled.
/// </summary>
public static class CpuOnly
{
    /// <summary>The threads a CPU-only launch uses: every thread the CPU accelerator simulates (one per core, see CpuConfiguration).</summary>
    public static SimdLaunch Launch(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return new(accelerator.MaxNumThreads);
    }
}
