namespace Handwriting.Kernels.Reference;

/// <summary>
/// The sums an epoch's metrics need, in float64: totals[0] = sum of losses, totals[1] = sum of
/// correct. losses and correct have Count elements, totals has 2. The reference for <see cref="MetricSums"/>.
/// </summary>
public static class MetricSumsReference
{
    public static void Run(double[] losses, double[] correct, double[] totals, int count)
    {
        Require.Positive(count, nameof(count));
        Require.Length(losses, count, nameof(losses), $"({count})");
        Require.Length(correct, count, nameof(correct), $"({count})");
        Require.Length(totals, 2, nameof(totals), "(2)");

        double loss = 0.0;
        double right = 0.0;
        for (int i = 0; i < count; i++)
        {
            loss += losses[i];
            right += correct[i];
        }

        totals[0] = loss;
        totals[1] = right;
    }
}
