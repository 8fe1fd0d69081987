namespace Handwriting.Kernels.Reference;

/// <summary>
/// <see cref="PixelBatch"/> in float64: y[i, p] = a[rows[i], p] / 255 (or a[i, p] without row
/// indices). a is (SourceRows, K) bytes, rows (M) or empty, y (M, K).
/// Every reference reads pixel bytes through <see cref="Scale"/>: the seed's own preprocessing,
/// the float32 x / 255f, held in a double. So a reference starts from exactly the values the
/// kernels start from, and what is exact on the device (a gather, the identity augmentation, a
/// whole-pixel shift) is exact against the reference too.
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
                y[((long)i * k) + p] = Scale(a[source + p]);
            }
        }
    }

    /// <summary>One pixel byte as the network sees it: the seed's x / 255f.</summary>
    public static double Scale(byte pixel) => pixel / 255f;

    /// <summary>Every pixel of <paramref name="a"/> scaled to [0, 1]: the whole of a (rows, K) set as the network sees it.</summary>
    public static double[] UnitRange(byte[] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Array.ConvertAll(a, Scale);
    }
}
