namespace Handwriting.Kernels;

/// <summary>The activation fused into a matmul's epilogue.</summary>
public enum Activation
{
    None,
    Relu,
}
