using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// C = A . B^T, the gradient flowing back into a dense layer's input: dX = dY . W^T.
/// a is (M, K), b is (N, K), c is (M, N); all row-major.
/// In the seed model: M = B, K = O (10), N = H (128): dHidden = dLogits . W2^T.
/// </summary>
public sealed class MatMulTransposeB
{
    private readonly MatMulLauncher _launcher;

    internal MatMulTransposeB(MatMulLauncher launcher) => _launcher = launcher;

    public void Run(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int m, int k, int n)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        Require.Length(b, (long)n * k, nameof(b), $"({n}, {k})");
        Require.Length(c, (long)m * n, nameof(c), $"({m}, {n})");

        // B^T(k, j) = b[j * K + k].
        _launcher.Launch(a, b, default, c, new MatMulLayout(m, n, k, k, 1, 1, k, 0, Activation.None));
    }
}
