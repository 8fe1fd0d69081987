namespace Handwriting.Kernels.Reference;

/// <summary>
/// C = A^T . B in float64, the weight gradient of a dense layer: dW = X^T . dY.
/// a is (M, K), b is (M, N), c is (K, N); all row-major; the sum runs over the M rows.
/// One step of <see cref="WeightGradientReference"/>.
/// </summary>
public static class MatMulTransposeAReference
{
    public static void Run(double[] a, double[] b, double[] c, int m, int k, int n)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        Require.Length(b, (long)m * n, nameof(b), $"({m}, {n})");
        Require.Length(c, (long)k * n, nameof(c), $"({k}, {n})");

        // c[p, j] = sum over i of a[i, p] * b[i, j], accumulated one row i at a time so b is read contiguously.
        Array.Clear(c);
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> bRow = b.AsSpan(i * n, n);
            for (int p = 0; p < k; p++)
            {
                double aip = a[i * k + p];
                Span<double> row = c.AsSpan(p * n, n);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += aip * bRow[j];
                }
            }
        }
    }
}
