namespace Handwriting.Training;

/// <summary>Host-side softmax for turning a few read-back logits into probabilities to show people.</summary>
public static class Softmax
{
    /// <summary>Replaces each row of <paramref name="classes"/> logits by its probabilities (max subtracted first).</summary>
    public static void InPlace(Span<float> rows, int classes)
    {
        for (int start = 0; start < rows.Length; start += classes)
        {
            var row = rows.Slice(start, classes);
            float max = float.NegativeInfinity;
            foreach (float logit in row)
            {
                max = Math.Max(max, logit);
            }

            double sum = 0;
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = MathF.Exp(row[j] - max);
                sum += row[j];
            }

            for (int j = 0; j < row.Length; j++)
            {
                row[j] = (float)(row[j] / sum);
            }
        }
    }

    /// <summary>The first index of the largest value, as the loss kernel counts a hit.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int j = 1; j < values.Length; j++)
        {
            if (values[j] > values[best])
            {
                best = j;
            }
        }

        return best;
    }
}
