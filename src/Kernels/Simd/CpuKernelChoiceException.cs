namespace Handwriting.Kernels.Simd;

/// <summary>HANDWRITING_CPU_KERNELS holds a value that names no kernel choice.</summary>
public sealed class CpuKernelChoiceException(string message) : Exception(message);
