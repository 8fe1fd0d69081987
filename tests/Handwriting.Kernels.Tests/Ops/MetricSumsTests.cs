using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="MetricSums"/> against <see cref="MetricSumsReference"/>: totals = (sum of losses, sum of correct).</summary>
public abstract class MetricSumsTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>From fewer elements than partial sums to the 12,000 validation images.</summary>
    [DeviceTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(785)]
    [InlineData(12000)]
    public void Matches_reference(int count)
    {
        var random = new Random(RandomArrays.Seed(901, count));
        float[] losses = RandomArrays.Floats(random, count, 0f, 5f);
        float[] correct = Array.ConvertAll(RandomArrays.Ints(random, count, 2), x => (float)x);
        var expected = new double[2];
        MetricSumsReference.Run(RandomArrays.Widen(losses), RandomArrays.Widen(correct), expected, count);

        using var deviceLosses = Upload(losses);
        using var deviceCorrect = Upload(correct);
        using var totals = NaNs(2);
        Ops.MetricSums.Run(deviceLosses.View, deviceCorrect.View, totals.View, count);
        float[] actual = Download(totals);

        // A float sum of a few thousand terms per partial; the count of right answers is an exact integer.
        new Tolerance(1e-6, 1e-5).AssertClose([expected[0]], [actual[0]], $"MetricSums ({count}): sum of losses");
        Tolerance.Exact.AssertClose([expected[1]], [actual[1]], $"MetricSums ({count}): sum of correct");
    }

    [DeviceTheory]
    [InlineData("losses")]
    [InlineData("correct")]
    [InlineData("totals")]
    [InlineData("count")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int count = 9;
        using var losses = NaNs(SizeOf(argument, "losses", count));
        using var correct = NaNs(SizeOf(argument, "correct", count));
        using var totals = NaNs(SizeOf(argument, "totals", 2));
        AssertRejects(argument, totals, () => Ops.MetricSums.Run(losses.View, correct.View, totals.View, ExtentOf(argument, "count", count)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class MetricSumsOnCpu(CpuDeviceFixture fixture) : MetricSumsTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class MetricSumsOnCuda(CudaDeviceFixture fixture) : MetricSumsTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class MetricSumsOnOpenCL(OpenCLDeviceFixture fixture) : MetricSumsTests(fixture);
