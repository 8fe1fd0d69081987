using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="WeightGradientTiled"/> (shared-memory tiles, barriers) against the reference
/// composition of <see cref="WeightGradientTests"/>: GatherReference.Rows, MatMulTransposeAReference
/// for the weights, BiasGradientReference for the bias row. On the CPU it runs on an accelerator
/// with tile-sized groups; on CUDA and OpenCL it is also what WeightGradient runs.
/// </summary>
public abstract class WeightGradientTiledTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>
    /// Extents off the tile on every edge (K + 1 a multiple of 16 once: 15 x 16), the bias row alone
    /// in its tile row (K = 16), M &lt; K as at batch 32, and the seed model's hidden layer.
    /// </summary>
    [DeviceTheory]
    [InlineData(1, 1, 1, false)]
    [InlineData(1, 1, 1, true)]
    [InlineData(7, 33, 5, true)]
    [InlineData(33, 47, 29, false)]
    [InlineData(33, 47, 29, true)]
    [InlineData(17, 15, 16, false)]
    [InlineData(16, 16, 16, true)]
    [InlineData(32, 784, 128, true)]
    public void Matches_gather_transposed_matmul_and_bias_reference(int m, int k, int n, bool gather)
    {
        var random = new Random(RandomArrays.Seed(1401, m, k, n, gather ? 1 : 0));
        int sourceRows = gather ? m + 5 : m;
        float[] a = RandomArrays.Floats(random, (long)sourceRows * k);
        float[] dy = RandomArrays.Floats(random, (long)m * n);
        int[] rows = gather ? RandomArrays.Ints(random, m, sourceRows) : [];

        double[] gathered = RandomArrays.Widen(a);
        if (gather)
        {
            gathered = new double[(long)m * k];
            GatherReference.Rows(RandomArrays.Widen(a), rows, gathered, m, k);
        }

        var weights = new double[(long)k * n];
        var bias = new double[n];
        MatMulTransposeAReference.Run(gathered, RandomArrays.Widen(dy), weights, m, k, n);
        BiasGradientReference.Run(RandomArrays.Widen(dy), bias, m, n);
        double[] expected = [.. weights, .. bias];

        using var deviceA = Upload(a);
        using var deviceRows = Upload(gather ? rows : [0]);
        using var deviceDy = Upload(dy);
        using var gradient = NaNs((long)(k + 1) * n);
        Ops.WeightGradientTiled.Run(deviceA.View, gather ? (ArrayView<int>)deviceRows.View : ArrayView<int>.Empty, deviceDy.View, gradient.View, m, k, n);

        MatMulTolerance.For(m).AssertClose(expected, Download(gradient), $"WeightGradientTiled ({m}x{k})^T . ({m}x{n}) and column sums, gather {gather}");
    }

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("rows")]
    [InlineData("dy")]
    [InlineData("gradient")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var rows = Upload(new int[SizeOf(argument, "rows", m)]);
        using var dy = NaNs(SizeOf(argument, "dy", m * n));
        using var gradient = NaNs(SizeOf(argument, "gradient", (k + 1) * n));
        ArrayView<int> rowView = argument == "rows" ? rows.View : ArrayView<int>.Empty;
        AssertRejects(argument, gradient, () => Ops.WeightGradientTiled.Run(a.View, rowView, dy.View, gradient.View, m, k, n));
    }

    /// <summary>WeightGradient picks the tile kernel on GPUs and the blocked one on the CPU accelerator, whatever its group size.</summary>
    [DeviceFact]
    public void WeightGradient_uses_tiles_exactly_on_gpus() =>
        Assert.Equal(Device.Accelerator.AcceleratorType != ILGPU.Runtime.AcceleratorType.CPU, Ops.WeightGradient.Tiled);
}

[Collection(TiledCpuCollection.Name)]
public sealed class WeightGradientTiledOnCpu(TiledCpuDeviceFixture fixture) : WeightGradientTiledTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class WeightGradientTiledOnCuda(CudaDeviceFixture fixture) : WeightGradientTiledTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class WeightGradientTiledOnOpenCL(OpenCLDeviceFixture fixture) : WeightGradientTiledTests(fixture);
