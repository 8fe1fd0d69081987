namespace Handwriting.Kernels;

/// <summary>
/// Marks a static method as an ILGPU kernel entry point, so that the portability tests can find
/// every kernel and compile it for PTX and OpenCL without a GPU.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KernelAttribute : Attribute
{
    /// <summary>True for kernels that use shared memory and barriers, launched with explicit groups.</summary>
    public bool ExplicitlyGrouped { get; init; }

    /// <summary>
    /// True for CPU-only kernels: their body is .NET code opaque to ILGPU (SIMD over raw pointers),
    /// which only the CPU accelerator runs. The portability tests compile every other kernel for
    /// PTX and OpenCL, and check that these are refused by every other accelerator.
    /// </summary>
    public bool CpuOnly { get; init; }
}
