using System.Globalization;
using Handwriting.Training.Checks.Adapters;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// SoftmaxCrossEntropy's losses, hits and logit gradient against the float64 reference: a training
/// batch of 32, an evaluation chunk of 1,000 rows, one row, odd shapes, and logits spread to
/// +-1000 where exp() would overflow without the row maximum subtracted.
/// </summary>
public static class SoftmaxCrossEntropyCases
{
    public const string Op = "SoftmaxCrossEntropy";

    /// <summary>exp and log in float: a few ulps, relative to the loss or the probability.</summary>
    private static readonly CheckTolerance Losses = new(1e-5, 1e-5);

    private static readonly (int Rows, int Classes, float Spread)[] Shapes =
    [
        (32, 10, 8f),
        (1000, 10, 8f),
        (1, 10, 8f),
        (7, 33, 8f),
        (33, 10, 1000f),
    ];

    public static IEnumerable<CheckCase> All() => Shapes.Select(shape => Case(shape.Rows, shape.Classes, shape.Spread));

    private static CheckCase Case(int rows, int classes, float spread)
    {
        string shape = string.Create(CultureInfo.InvariantCulture, $"{rows}x{classes} logits +-{spread}");
        return new CheckCase(Op, CheckVariants.Portable, shape, target =>
        {
            var random = CheckInputs.For($"{Op} {shape}");
            float[] logits = CheckInputs.Floats(random, (long)rows * classes, -spread, spread);
            int[] labels = CheckInputs.Ints(random, rows, classes);
            var expected = SoftmaxCrossEntropyAdapter.Reference(logits, labels, rows, classes);
            var actual = SoftmaxCrossEntropyAdapter.Kernel(target, logits, labels, rows, classes);
            return
            [
                new CheckOutput("losses", expected.Losses, actual.Losses, Losses),
                new CheckOutput("correct", expected.Correct, actual.Correct, CheckTolerance.Exact),

                // Each gradient is a probability (minus one at the label) over Rows.
                new CheckOutput("dlogits", expected.Dlogits, actual.Dlogits, new CheckTolerance(1e-6 / rows, 1e-5)),
            ];
        });
    }
}
