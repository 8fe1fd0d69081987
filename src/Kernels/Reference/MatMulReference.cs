namespace Handwriting.Kernels.Reference;

/// <summary>
/// The forward pass of a dense layer in float64: C = activation(A . B + bias).
/// a is (M, K), b is (K, N), bias is (N) or empty for none, c is (M, N); all row-major.
/// One step of <see cref="DenseForwardReference"/>.
/// </summary>
public static class MatMulReference
{
    public static void Run(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n, Activation activation)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        Require.Length(b, (long)k * n, nameof(b), $"({k}, {n})");
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Length != 0)
        {
            Require.Length(bias, n, nameof(bias), $"({n})");
        }

        Require.Length(c, (long)m * n, nameof(c), $"({m}, {n})");
        if (activation is not (Activation.None or Activation.Relu))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }

        // Row by row, adding one product row a[i, p] * b[p, :] at a time: the same sums as the
        // textbook dot products, in an order that reads b contiguously.
        for (int i = 0; i < m; i++)
        {
            Span<double> row = c.AsSpan(i * n, n);
            for (int j = 0; j < n; j++)
            {
                row[j] = bias.Length == 0 ? 0.0 : bias[j];
            }

            for (int p = 0; p < k; p++)
            {
                double aip = a[i * k + p];
                ReadOnlySpan<double> bRow = b.AsSpan(p * n, n);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += aip * bRow[j];
                }
            }

            if (activation == Activation.Relu)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = Math.Max(0.0, row[j]);
                }
            }
        }
    }
}
