namespace Handwriting.Kernels.Reference;

/// <summary>
/// C = A . B^T in float64, the gradient flowing back into a dense layer's input: dX = dY . W^T.
/// a is (M, K), b is (N, K), c is (M, N); all row-major.
/// One step of <see cref="InputGradientReference"/>.
/// </summary>
public static class MatMulTransposeBReference
{
    public static void Run(double[] a, double[] b, double[] c, int m, int k, int n)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        Require.Length(b, (long)n * k, nameof(b), $"({n}, {k})");
        Require.Length(c, (long)m * n, nameof(c), $"({m}, {n})");

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0.0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * b[j * k + p];
                }

                c[i * n + j] = sum;
            }
        }
    }
}
