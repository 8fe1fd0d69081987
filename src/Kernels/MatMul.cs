using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The forward pass of a dense layer: C = activation(A . B + bias).
/// a is (M, K), b is (K, N), bias is (N) or empty for none, c is (M, N); all row-major.
/// In the seed model: M = B (batch), K = I (784), N = H (128) for the hidden layer, then K = H, N = O (10).
/// Bias and ReLU are applied as each output is stored, saving a pass over C.
/// </summary>
public sealed class MatMul
{
    private readonly MatMulLauncher _launcher;

    internal MatMul(MatMulLauncher launcher) => _launcher = launcher;

    public void Run(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c, int m, int k, int n, Activation activation)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        Require.Length(b, (long)k * n, nameof(b), $"({k}, {n})");
        if (bias.Length != 0)
        {
            Require.Length(bias, n, nameof(bias), $"({n})");
        }

        Require.Length(c, (long)m * n, nameof(c), $"({m}, {n})");
        _launcher.Launch(a, b, bias, c, new MatMulLayout(m, n, k, k, 1, n, 1, bias.Length != 0 ? 1 : 0, activation));
    }
}
