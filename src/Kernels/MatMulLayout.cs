namespace Handwriting.Kernels;

/// <summary>
/// One product C (M x N) = sum over K of A(i, k) * B(k, j), with A(i, k) at
/// a[i * ARowStride + k * AInnerStride] and B(k, j) at b[k * BInnerStride + j * BColumnStride].
/// Strides let one kernel serve A.B, A^T.B and A.B^T without copying a transpose. C is always
/// dense row-major. The epilogue optionally adds a bias per column and applies an activation.
/// </summary>
public readonly record struct MatMulLayout(
    int M,
    int N,
    int K,
    int ARowStride,
    int AInnerStride,
    int BInnerStride,
    int BColumnStride,
    int HasBias,
    Activation Activation);
