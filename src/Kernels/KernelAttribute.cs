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
}
