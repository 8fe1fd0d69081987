namespace Handwriting.Kernels.Reference;

/// <summary>
/// C = A^T . B in float64, the weight gradient of a dense layer: dW = X^T . dY.
/// a is (M, K), b is (M, N), c is (K, N); all row-major; the sum runs over the M rows.
/// The reference for <see cref="MatMulTransposeA"/>.
/// </summary>
public static class MatMulTransposeAReference
{
    public static void Run(double[] a, double[] b, double[] c, int m, int k, int n)
    {
        Arguments.Positive(m, nameof(m));
        Arguments.Positive(k, nameof(k));
        Arguments.Positive(n, nameof(n));
        Arguments.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        Arguments.Length(b, (long)m * n, nameof(b), $"({m}, {n})");
        Arguments.Length(c, (long)k * n, nameof(c), $"({k}, {n})");

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
