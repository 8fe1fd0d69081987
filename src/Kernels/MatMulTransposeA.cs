using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// C = A^T . B, the weight gradient of a dense layer: dW = X^T . dY.
/// a is (M, K), b is (M, N), c is (K, N); all row-major; the sum runs over the M rows (the batch).
/// In the seed model: M = B, K = I (784), N = H (128) for the hidden layer's weights.
/// </summary>
public sealed class MatMulTransposeA
{
    private readonly MatMulLauncher _launcher;

    internal MatMulTransposeA(MatMulLauncher launcher) => _launcher = launcher;

    public void Run(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int m, int k, int n)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        Require.Length(b, (long)m * n, nameof(b), $"({m}, {n})");
        Require.Length(c, (long)k * n, nameof(c), $"({k}, {n})");

        // Output (K, N); A^T(p, i) = a[i * K + p], B(i, j) = b[i * N + j], summed over i < M.
        _launcher.Launch(a, b, default, c, new MatMulLayout(k, n, m, 1, k, n, 1, 0, Activation.None));
    }
}
