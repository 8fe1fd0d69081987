namespace Handwriting.Kernels;

/// <summary>
/// The shape and the fused extras of one <see cref="DenseForward"/> launch: Y (M x N) from A (M x K)
/// and W (K x N). HasRowIndices: A row i is a[rows[i]] (the batch is gathered as it is read).
/// Dropout.Rate above zero drops outputs after the activation with the mask of <see cref="DropoutMask"/>.
/// Vector: the host found every view aligned and K, N multiples of 4 and 8, so the Float4 path runs.
/// </summary>
public readonly record struct DenseLayout(
    int M,
    int K,
    int N,
    int HasBias,
    int HasRowIndices,
    Activation Activation,
    DropoutSettings Dropout,
    int Vector);
