using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// MetricSums, totals = (sum of losses, sum of hits), against the float64 reference
/// (<see cref="MetricSumsReference"/>): from fewer elements than partial sums to the 10,000 test
/// and 12,000 validation images.
/// </summary>
public static class MetricSumsCases
{
    public const string Op = "MetricSums";

    /// <summary>losses and correct are (Count).</summary>
    public sealed record Shape(int Count)
    {
        public override string ToString() => $"{Count}";
    }

    public static IReadOnlyList<Shape> Shapes { get; } = [new(1), new(7), new(785), new(10000), new(12000), new(33)];

    public static IEnumerable<CheckCase> All() => OpCases.Of<MetricSums, Shape>(Op, Shapes, Check);

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, MetricSums op)
    {
        int count = shape.Count;
        float[] losses = CheckInputs.Floats(random, count, 0f, 5f);
        float[] correct = Array.ConvertAll(CheckInputs.Ints(random, count, 2), x => (float)x);
        var expected = new double[2];
        MetricSumsReference.Run(CheckInputs.Widen(losses), CheckInputs.Widen(correct), expected, count);

        using var deviceLosses = DeviceArrays.Upload(device, losses);
        using var deviceCorrect = DeviceArrays.Upload(device, correct);
        using var totals = DeviceArrays.NaNs(device, 2);
        op.Run(deviceLosses.View, deviceCorrect.View, totals.View, count);
        float[] actual = DeviceArrays.Download(device, totals);
        return
        [
            // A float sum of a few thousand terms per partial; the count of right answers is an exact integer.
            new CheckOutput("sum of losses", [expected[0]], [actual[0]], new Tolerance(1e-6, 1e-5)),
            new CheckOutput("sum of correct", [expected[1]], [actual[1]], Tolerance.Exact),
        ];
    }
}
