namespace Handwriting.Training.Images;

/// <summary>Supplies one row of the source image, so that no copy of a large source is made.</summary>
internal delegate void SourceRowReader(int row, Span<float> destination);

/// <summary>
/// Area-averaging resampling: each target pixel is the mean of the source area it covers, weighted
/// by how much of each source pixel falls inside it. Shrinking this way anti-aliases strokes as the
/// NIST digits were when MNIST was made; enlarging repeats pixels, with blends at their edges.
/// </summary>
internal static class AreaResampling
{
    /// <summary>Resamples sourceWidth x sourceHeight to targetWidth x targetHeight, both row-major.</summary>
    public static float[] Resample(SourceRowReader readRow, int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        AxisWeights[] columns = Weights(sourceWidth, targetWidth);
        AxisWeights[] rows = Weights(sourceHeight, targetHeight);

        // Horizontal pass first: sourceHeight x targetWidth stays small however wide the source is.
        float[] narrowed = new float[sourceHeight * targetWidth];
        float[] sourceRow = new float[sourceWidth];
        for (int y = 0; y < sourceHeight; y++)
        {
            readRow(y, sourceRow);
            for (int x = 0; x < targetWidth; x++)
            {
                narrowed[(y * targetWidth) + x] = columns[x].Apply(sourceRow, 1);
            }
        }

        float[] target = new float[targetWidth * targetHeight];
        for (int y = 0; y < targetHeight; y++)
        {
            for (int x = 0; x < targetWidth; x++)
            {
                target[(y * targetWidth) + x] = rows[y].Apply(narrowed.AsSpan(x), targetWidth);
            }
        }

        return target;
    }

    private static AxisWeights[] Weights(int sourceLength, int targetLength)
    {
        double scale = (double)sourceLength / targetLength;
        var weights = new AxisWeights[targetLength];
        for (int i = 0; i < targetLength; i++)
        {
            double start = i * scale;
            double end = (i + 1) * scale;
            int first = (int)Math.Floor(start);
            int last = Math.Min(sourceLength - 1, (int)Math.Ceiling(end) - 1);
            float[] overlap = new float[Math.Max(0, last - first + 1)];
            for (int k = first; k <= last; k++)
            {
                overlap[k - first] = (float)((Math.Min(end, k + 1) - Math.Max(start, k)) / scale);
            }

            weights[i] = new AxisWeights(first, overlap);
        }

        return weights;
    }

    /// <summary>The source pixels one target pixel covers along one axis: first index and the share of each.</summary>
    private readonly record struct AxisWeights(int First, float[] Shares)
    {
        public float Apply(ReadOnlySpan<float> source, int stride)
        {
            double sum = 0;
            for (int k = 0; k < Shares.Length; k++)
            {
                sum += Shares[k] * source[(First + k) * stride];
            }

            return (float)sum;
        }
    }
}
