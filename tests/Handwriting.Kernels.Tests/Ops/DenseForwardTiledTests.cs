using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="DenseForwardTiled"/> (shared-memory tiles, barriers) against the reference
/// composition of <see cref="DenseForwardTests"/>: GatherReference.Rows, MatMulReference (bias,
/// activation), DropoutReference.Forward. On the CPU it runs on an accelerator with tile-sized
/// groups; on CUDA and OpenCL it is also what DenseForward runs.
/// </summary>
public abstract class DenseForwardTiledTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>
    /// Extents that are not multiples of the tile on every edge, M &lt; K as at batch 32, a single
    /// element, one seed-model layer; with and without gather, bias, ReLU and dropout.
    /// </summary>
    [DeviceTheory]
    [InlineData(1, 1, 1, Activation.None, false, false, 0f)]
    [InlineData(1, 1, 1, Activation.Relu, true, true, 0.5f)]
    [InlineData(7, 33, 5, Activation.Relu, true, true, 0.2f)]
    [InlineData(7, 33, 5, Activation.None, false, false, 0f)]
    [InlineData(33, 47, 29, Activation.Relu, true, false, 0.2f)]
    [InlineData(33, 47, 29, Activation.None, false, true, 0f)]
    [InlineData(16, 16, 16, Activation.Relu, true, true, 0f)]
    [InlineData(33, 7, 1, Activation.None, true, false, 0f)]
    [InlineData(32, 784, 128, Activation.Relu, true, true, 0.2f)]
    public void Matches_gather_matmul_dropout_reference(int m, int k, int n, Activation activation, bool withBias, bool gather, float rate)
    {
        var random = new Random(RandomArrays.Seed(1301, m, k, n, (int)activation, withBias ? 1 : 0, gather ? 1 : 0, (int)(rate * 100)));
        int sourceRows = gather ? m + 5 : m;
        float[] a = RandomArrays.Floats(random, (long)sourceRows * k);
        float[] w = RandomArrays.Floats(random, (long)k * n);
        float[] bias = RandomArrays.Floats(random, n);
        int[] rows = gather ? RandomArrays.Ints(random, m, sourceRows) : [];
        const uint seed = 77;
        const uint step = 3;

        double[] gathered = RandomArrays.Widen(a);
        if (gather)
        {
            gathered = new double[(long)m * k];
            GatherReference.Rows(RandomArrays.Widen(a), rows, gathered, m, k);
        }

        var product = new double[(long)m * n];
        MatMulReference.Run(gathered, RandomArrays.Widen(w), withBias ? RandomArrays.Widen(bias) : [], product, m, k, n, activation);
        var expected = product;
        if (rate > 0f)
        {
            expected = new double[product.Length];
            DropoutReference.Forward(product, expected, m * n, rate, seed, step);
        }

        using var deviceA = Upload(a);
        using var deviceRows = Upload(gather ? rows : [0]);
        using var deviceW = Upload(w);
        using var deviceBias = Upload(bias);
        using var y = NaNs((long)m * n);
        Ops.DenseForwardTiled.Run(
            deviceA.View, gather ? (ArrayView<int>)deviceRows.View : ArrayView<int>.Empty, deviceW.View, withBias ? (ArrayView<float>)deviceBias.View : ArrayView<float>.Empty,
            y.View, m, k, n, activation, new DropoutSettings(rate, seed, step));

        MatMulTolerance.For(k).AssertClose(expected, Download(y), $"DenseForwardTiled ({m}x{k}) . ({k}x{n}), {activation}, bias {withBias}, gather {gather}, dropout {rate}");
    }

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("rows")]
    [InlineData("w")]
    [InlineData("bias")]
    [InlineData("y")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var rows = Upload(new int[SizeOf(argument, "rows", m)]);
        using var w = NaNs(SizeOf(argument, "w", k * n));
        using var bias = NaNs(SizeOf(argument, "bias", n));
        using var y = NaNs(SizeOf(argument, "y", m * n));
        ArrayView<int> rowView = argument == "rows" ? rows.View : ArrayView<int>.Empty;
        AssertRejects(argument, y, () => Ops.DenseForwardTiled.Run(a.View, rowView, w.View, bias.View, y.View, m, k, n, Activation.Relu, default));
    }

    /// <summary>DenseForward picks the tile kernel on GPUs and the blocked one on the CPU accelerator, whatever its group size.</summary>
    [DeviceFact]
    public void DenseForward_uses_tiles_exactly_on_gpus() =>
        Assert.Equal(Device.Accelerator.AcceleratorType != ILGPU.Runtime.AcceleratorType.CPU, Ops.DenseForward.Tiled);
}

[Collection(TiledCpuCollection.Name)]
public sealed class DenseForwardTiledOnCpu(TiledCpuDeviceFixture fixture) : DenseForwardTiledTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class DenseForwardTiledOnCuda(CudaDeviceFixture fixture) : DenseForwardTiledTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class DenseForwardTiledOnOpenCL(OpenCLDeviceFixture fixture) : DenseForwardTiledTests(fixture);
