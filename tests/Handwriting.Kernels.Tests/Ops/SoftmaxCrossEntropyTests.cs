using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="SoftmaxCrossEntropy"/> against <see cref="SoftmaxCrossEntropyReference"/>: per row the loss,
/// whether the first argmax is the label, and the gradient of the mean loss.
/// </summary>
public abstract class SoftmaxCrossEntropyTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>exp and log in float: a few ulps, relative to the loss or the probability.</summary>
    private static readonly Tolerance Losses = new(1e-5, 1e-5);

    [DeviceTheory]
    [InlineData(1, 1, 8f)]
    [InlineData(1, 10, 8f)]
    [InlineData(7, 33, 8f)]
    [InlineData(33, 7, 8f)]
    [InlineData(32, 10, 8f)]
    [InlineData(785, 10, 8f)]
    [InlineData(7, 785, 8f)]
    [InlineData(33, 10, 1000f)]
    public void Matches_reference(int rows, int classes, float spread)
    {
        var random = new Random(RandomArrays.Seed(701, rows, classes, (int)spread));
        float[] logits = RandomArrays.Floats(random, (long)rows * classes, -spread, spread);
        int[] labels = RandomArrays.Ints(random, rows, classes);
        var expectedLosses = new double[rows];
        var expectedCorrect = new double[rows];
        var expectedDlogits = new double[(long)rows * classes];
        SoftmaxCrossEntropyReference.Run(RandomArrays.Widen(logits), labels, expectedLosses, expectedCorrect, expectedDlogits, rows, classes);

        using var deviceLogits = Upload(logits);
        using var deviceLabels = Upload(labels);
        using var losses = NaNs(rows);
        using var correct = NaNs(rows);
        using var dlogits = NaNs((long)rows * classes);
        Ops.SoftmaxCrossEntropy.Run(deviceLogits.View, deviceLabels.View, losses.View, correct.View, dlogits.View, rows, classes);

        string what = $"SoftmaxCrossEntropy ({rows}, {classes}), logits in +-{spread}";
        Losses.AssertClose(expectedLosses, Download(losses), $"{what}: losses");
        Tolerance.Exact.AssertClose(expectedCorrect, Download(correct), $"{what}: correct");

        // Each gradient is a probability (minus one at the label) over Rows.
        new Tolerance(1e-6 / rows, 1e-5).AssertClose(expectedDlogits, Download(dlogits), $"{what}: dlogits");
    }

    [DeviceTheory]
    [InlineData("logits")]
    [InlineData("labels")]
    [InlineData("losses")]
    [InlineData("correct")]
    [InlineData("dlogits")]
    [InlineData("rows")]
    [InlineData("classes")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int rows = 5, classes = 3;
        using var logits = NaNs(SizeOf(argument, "logits", rows * classes));
        using var labels = Upload(new int[SizeOf(argument, "labels", rows)]);
        using var losses = NaNs(SizeOf(argument, "losses", rows));
        using var correct = NaNs(SizeOf(argument, "correct", rows));
        using var dlogits = NaNs(SizeOf(argument, "dlogits", rows * classes));
        AssertRejects(argument, dlogits, () => Ops.SoftmaxCrossEntropy.Run(
            logits.View, labels.View, losses.View, correct.View, dlogits.View, ExtentOf(argument, "rows", rows), ExtentOf(argument, "classes", classes)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class SoftmaxCrossEntropyOnCpu(CpuDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class SoftmaxCrossEntropyOnCuda(CudaDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class SoftmaxCrossEntropyOnOpenCL(OpenCLDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);
