using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="InputGradient"/> against <see cref="InputGradientReference"/>. The layer's
/// forward output y (what the kernel takes as its mask) is built the way the forward pass builds it:
/// dropout of a ReLU output, so it is positive exactly where ReLU passed and dropout kept.
/// </summary>
public abstract class InputGradientTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    [DeviceTheory]
    [InlineData(32, 10, 128, 0.2f)]
    [InlineData(32, 10, 128, 0f)]
    [InlineData(7, 24, 48, 0.5f)]
    [InlineData(1, 1, 1, 0.2f)]
    [InlineData(33, 5, 7, 0f)]
    public void Matches_transposed_matmul_dropout_relu_reference(int m, int k, int n, float rate)
    {
        var random = new Random(RandomArrays.Seed(1301, m, k, n, (int)(rate * 100)));
        float[] dy = RandomArrays.Floats(random, (long)m * k);
        float[] w = RandomArrays.Floats(random, (long)n * k);
        double[] relu = RandomArrays.Widen(RandomArrays.Floats(random, (long)m * n)).Select(v => Math.Max(0, v)).ToArray();
        const uint seed = 5;
        const uint step = 11;
        double[] y = relu;
        if (rate > 0f)
        {
            y = new double[relu.Length];
            DropoutReference.Forward(relu, y, relu.Length, rate, seed, step);
        }

        var expected = new double[(long)m * n];
        InputGradientReference.Run(RandomArrays.Widen(dy), RandomArrays.Widen(w), y, expected, m, k, n, rate);

        using var deviceDy = Upload(dy);
        using var deviceW = Upload(w);
        using var deviceY = Upload(y.Select(v => (float)v).ToArray());
        using var dz = NaNs((long)m * n);
        Ops.InputGradient.Run(deviceDy.View, deviceW.View, deviceY.View, dz.View, m, k, n, rate);

        MatMulTolerance.For(k).AssertClose(expected, Download(dz), $"InputGradient ({m}x{k}) . ({n}x{k})^T through dropout {rate} and ReLU");
    }

    [DeviceTheory]
    [InlineData("dy")]
    [InlineData("w")]
    [InlineData("y")]
    [InlineData("dz")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var dy = NaNs(SizeOf(argument, "dy", m * k));
        using var w = NaNs(SizeOf(argument, "w", n * k));
        using var y = NaNs(SizeOf(argument, "y", m * n));
        using var dz = NaNs(SizeOf(argument, "dz", m * n));
        AssertRejects(argument, dz, () => Ops.InputGradient.Run(dy.View, w.View, y.View, dz.View, m, k, n, 0.2f));
    }
}

[Collection(CpuCollection.Name)]
public sealed class InputGradientOnCpu(CpuDeviceFixture fixture) : InputGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class InputGradientOnCuda(CudaDeviceFixture fixture) : InputGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class InputGradientOnOpenCL(OpenCLDeviceFixture fixture) : InputGradientTests(fixture);
