namespace Handwriting.Kernels;

/// <summary>
/// The shape of a dense layer's backward pass: M rows (the batch), K inputs, N outputs, whether
/// the input rows are read through row indices, and whether the 4-float path applies.
/// Shared by the two backward ops, so it belongs to neither folder: <see cref="WeightGradient"/>
/// (every variant) for dW and db, <see cref="InputGradient"/> for the
/// gradient into the layer's input.
/// </summary>
public readonly record struct DenseBackwardLayout(int M, int K, int N, int HasRowIndices, int Vector);
