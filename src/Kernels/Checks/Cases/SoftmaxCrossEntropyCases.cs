using System.Globalization;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// SoftmaxCrossEntropy's losses, hits (whether the first argmax is the label) and the gradient of
/// the mean loss against the float64 reference (<see cref="SoftmaxCrossEntropyReference"/>), in
/// every variant: a training batch of 32, an evaluation chunk of 1,000 rows, rows and classes from
/// one to 785, odd shapes, and logits spread to +-1000 where exp() would overflow without the row
/// maximum subtracted.
/// </summary>
public static class SoftmaxCrossEntropyCases
{
    public const string Op = "SoftmaxCrossEntropy";

    /// <summary>exp and log in float: a few ulps, relative to the loss or the probability.</summary>
    private static readonly Tolerance Losses = new(1e-5, 1e-5);

    /// <summary>logits and dlogits are (Rows, Classes), uniform in +-Spread; labels, losses and correct (Rows).</summary>
    public sealed record Shape(int Rows, int Classes, float Spread)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rows}x{Classes} logits +-{Spread}");
    }

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(32, 10, 8f),
        new(1000, 10, 8f),
        new(1, 10, 8f),
        new(7, 33, 8f),
        new(33, 10, 1000f),
        new(1, 1, 8f),
        new(33, 7, 8f),
        new(785, 10, 8f),
        new(7, 785, 8f),
    ];

    public static IEnumerable<CheckCase> All() => OpCases.Of<SoftmaxCrossEntropy, Shape>(Op, Shapes, Check);

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, SoftmaxCrossEntropy op)
    {
        var (rows, classes) = (shape.Rows, shape.Classes);
        float[] logits = CheckInputs.Floats(random, (long)rows * classes, -shape.Spread, shape.Spread);
        int[] labels = CheckInputs.Ints(random, rows, classes);
        var expectedLosses = new double[rows];
        var expectedCorrect = new double[rows];
        var expectedDlogits = new double[(long)rows * classes];
        SoftmaxCrossEntropyReference.Run(CheckInputs.Widen(logits), labels, expectedLosses, expectedCorrect, expectedDlogits, rows, classes);

        using var deviceLogits = DeviceArrays.Upload(device, logits);
        using var deviceLabels = DeviceArrays.Upload(device, labels);
        using var losses = DeviceArrays.NaNs(device, rows);
        using var correct = DeviceArrays.NaNs(device, rows);
        using var dlogits = DeviceArrays.NaNs(device, (long)rows * classes);
        op.Run(deviceLogits.View, deviceLabels.View, losses.View, correct.View, dlogits.View, rows, classes);
        return
        [
            new CheckOutput("losses", expectedLosses, DeviceArrays.Download(device, losses), Losses),
            new CheckOutput("correct", expectedCorrect, DeviceArrays.Download(device, correct), Tolerance.Exact),

            // Each gradient is a probability (minus one at the label) over Rows.
            new CheckOutput("dlogits", expectedDlogits, DeviceArrays.Download(device, dlogits), new Tolerance(1e-6 / rows, 1e-5)),
        ];
    }
}
