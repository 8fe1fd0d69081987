using Handwriting.Training.Checks.Adapters;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// MetricSums, (sum of losses, sum of hits), against the float64 reference: from fewer elements
/// than partial sums to the 10,000 test and 12,000 validation images.
/// </summary>
public static class MetricSumsCases
{
    public const string Op = "MetricSums";

    private static readonly int[] Counts = [1, 7, 785, 10000, 12000];

    public static IEnumerable<CheckCase> All() => Counts.Select(Case);

    private static CheckCase Case(int count) =>
        new(Op, CheckVariants.Portable, $"{count}", target =>
        {
            var random = CheckInputs.For($"{Op} {count}");
            float[] losses = CheckInputs.Floats(random, count, 0f, 5f);
            float[] correct = Array.ConvertAll(CheckInputs.Ints(random, count, 2), x => (float)x);
            double[] expected = MetricSumsAdapter.Reference(losses, correct);
            float[] actual = MetricSumsAdapter.Kernel(target, losses, correct);
            return
            [
                // A float sum of a few thousand terms per partial; the count of right answers is an exact integer.
                new CheckOutput("sum of losses", [expected[0]], [actual[0]], new CheckTolerance(1e-6, 1e-5)),
                new CheckOutput("sum of correct", [expected[1]], [actual[1]], CheckTolerance.Exact),
            ];
        });
}
