namespace Handwriting.Kernels.Reference;

/// <summary>
/// <see cref="PixelBatch"/> in float64: y[i, p] = a[rows[i], p] / 255 (or a[i, p] without row
/// indices). a is (SourceRows, K) bytes, rows (M) or empty, y (M, K).
/// </summary>
public static class PixelBatchReference
{
    public static void Run(byte[] a, int[] rows, double[] y, int m, int k)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(rows);
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Length(y, (long)m * k, nameof(y), $"({m}, {k})");
        if (rows.Length == 0)
        {
            Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        }
        else
        {
            Require.Length(rows, m, nameof(rows), $"({m})");
            Require.Indices(rows, a.Length / k, nameof(rows));
        }

        for (int i = 0; i < m; i++)
        {
            long source = (long)(rows.Length == 0 ? i : rows[i]) * k;
            for (int p = 0; p < k; p++)
            {
                y[((long)i * k) + p] = a[source + p] / 255.0;
            }
        }
    }

    /// <summary>Every pixel of <paramref name="a"/> scaled to [0, 1]: the whole of a (rows, K) set as the network sees it.</summary>
    public static double[] UnitRange(byte[] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Array.ConvertAll(a, b => b / 255.0);
    }
}
