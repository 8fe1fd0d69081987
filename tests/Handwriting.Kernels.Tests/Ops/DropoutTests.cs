using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="Dropout"/> against <see cref="DropoutReference"/>: y = keep(seed, step, i) ? x / (1 - rate) : 0,
/// and the statistics of the mask the kernel draws.
/// </summary>
public abstract class DropoutTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>The kernel scales by a float 1 / (1 - rate), the reference by a double: a few ulps apart.</summary>
    private static readonly Tolerance Scaled = new(0, 1e-6);

    [DeviceTheory]
    [InlineData(1, 0.2f)]
    [InlineData(7, 0.2f)]
    [InlineData(33, 0.5f)]
    [InlineData(785, 0.2f)]
    [InlineData(785, 0.9f)]
    [InlineData(32 * 128, 0.2f)]
    public void Forward_and_backward_match_reference_with_the_same_mask(int count, float rate)
    {
        var random = new Random(RandomArrays.Seed(601, count, (int)(rate * 100)));
        const uint seed = 1234;
        uint step = (uint)count;
        float[] x = RandomArrays.Floats(random, count);
        float[] dy = RandomArrays.Floats(random, count);
        var expectedY = new double[count];
        var expectedDx = new double[count];
        DropoutReference.Forward(RandomArrays.Widen(x), expectedY, count, rate, seed, step);
        DropoutReference.Backward(RandomArrays.Widen(dy), expectedDx, count, rate, seed, step);

        using var deviceX = Upload(x);
        using var deviceY = NaNs(count);
        using var deviceDy = Upload(dy);
        using var deviceDx = NaNs(count);
        Ops.Dropout.Forward(deviceX.View, deviceY.View, count, rate, seed, step);
        Ops.Dropout.Backward(deviceDy.View, deviceDx.View, count, rate, seed, step);
        float[] y = Download(deviceY);
        float[] dx = Download(deviceDx);

        Scaled.AssertClose(expectedY, y, $"Dropout.Forward ({count}), rate {rate}");
        Scaled.AssertClose(expectedDx, dx, $"Dropout.Backward ({count}), rate {rate}");
        for (int i = 0; i < count; i++)
        {
            bool keep = DropoutMask.Keep(seed, step, (uint)i, rate);
            Assert.True(keep == (y[i] != 0f), $"forward mask differs from DropoutMask.Keep at [{i}]");
            Assert.True(keep == (dx[i] != 0f), $"backward mask differs from DropoutMask.Keep at [{i}]");
        }
    }

    /// <summary>Over 2^20 elements the number kept is Binomial(N, 1 - rate): within 3 sigma of N (1 - rate).</summary>
    [DeviceTheory]
    [InlineData(0.2f)]
    [InlineData(0.5f)]
    public void Keeps_a_fraction_within_three_sigma_of_one_minus_rate(float rate)
    {
        const int count = 1 << 20;
        float[] ones = new float[count];
        Array.Fill(ones, 1f);
        using var x = Upload(ones);
        using var y = NaNs(count);
        Ops.Dropout.Forward(x.View, y.View, count, rate, seed: 42, step: 7);

        float[] output = Download(y);
        int kept = output.Count(value => value != 0f);
        double expected = count * (1.0 - rate);
        double sigma = Math.Sqrt(count * rate * (1.0 - rate));
        Assert.True(
            Math.Abs(kept - expected) <= 3 * sigma,
            $"kept {kept} of {count}, expected {expected} +- {3 * sigma:F0} (3 sigma)");
        Assert.All(output, value => Assert.True(value == 0f || value == 1f / (1f - rate), $"a kept element is {value}, not 1 / (1 - rate)"));
    }

    [DeviceFact]
    public void Another_step_or_another_seed_draws_another_mask()
    {
        const int count = 4096;
        const float rate = 0.2f;
        bool[] first = Mask(count, rate, seed: 5, step: 1);
        Assert.Equal(first, Mask(count, rate, seed: 5, step: 1));

        // Two independent masks disagree on a fraction 2 rate (1 - rate) = 0.32 of the elements.
        foreach (var (other, what) in new[] { (Mask(count, rate, seed: 5, step: 2), "the next step"), (Mask(count, rate, seed: 6, step: 1), "another seed") })
        {
            int differ = first.Zip(other).Count(pair => pair.First != pair.Second);
            Assert.True(differ > count / 5, $"{what} changes only {differ} of {count} mask elements");
        }
    }

    [DeviceFact]
    public void Rate_zero_keeps_everything_unchanged()
    {
        const int count = 785;
        float[] x = RandomArrays.Floats(new Random(602), count);
        using var deviceX = Upload(x);
        using var y = NaNs(count);
        using var dx = NaNs(count);
        Ops.Dropout.Forward(deviceX.View, y.View, count, 0f, seed: 9, step: 3);
        Ops.Dropout.Backward(deviceX.View, dx.View, count, 0f, seed: 9, step: 3);

        Assert.Equal(x, Download(y));
        Assert.Equal(x, Download(dx));
    }

    [DeviceTheory]
    [InlineData("x")]
    [InlineData("y")]
    [InlineData("count")]
    [InlineData("rate")]
    public void Forward_rejects_a_wrong_shape_before_launching(string argument)
    {
        const int count = 9;
        using var x = NaNs(SizeOf(argument, "x", count));
        using var y = NaNs(SizeOf(argument, "y", count));
        AssertRejects(argument, y, () => Ops.Dropout.Forward(
            x.View, y.View, ExtentOf(argument, "count", count), argument == "rate" ? 1f : 0.2f, 1, 1));
    }

    [DeviceTheory]
    [InlineData("dy")]
    [InlineData("dx")]
    [InlineData("count")]
    [InlineData("rate")]
    public void Backward_rejects_a_wrong_shape_before_launching(string argument)
    {
        const int count = 9;
        using var dy = NaNs(SizeOf(argument, "dy", count));
        using var dx = NaNs(SizeOf(argument, "dx", count));
        AssertRejects(argument, dx, () => Ops.Dropout.Backward(
            dy.View, dx.View, ExtentOf(argument, "count", count), argument == "rate" ? -0.1f : 0.2f, 1, 1));
    }

    private bool[] Mask(int count, float rate, uint seed, uint step)
    {
        float[] ones = new float[count];
        Array.Fill(ones, 1f);
        using var x = Upload(ones);
        using var y = NaNs(count);
        Ops.Dropout.Forward(x.View, y.View, count, rate, seed, step);
        return Array.ConvertAll(Download(y), value => value != 0f);
    }
}

[Collection(CpuCollection.Name)]
public sealed class DropoutOnCpu(CpuDeviceFixture fixture) : DropoutTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class DropoutOnCuda(CudaDeviceFixture fixture) : DropoutTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class DropoutOnOpenCL(OpenCLDeviceFixture fixture) : DropoutTests(fixture);
