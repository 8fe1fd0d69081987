using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="WeightGradient"/> against the reference composition it fuses: GatherReference.Rows,
/// then MatMulTransposeAReference for the weights and BiasGradientReference for the bias row.
/// </summary>
public abstract class WeightGradientTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>The seed model's two layers (Float4 path for 784x128, scalar for 128x10), gathered rows, odd extents.</summary>
    [DeviceTheory]
    [InlineData(32, 784, 128, true)]
    [InlineData(32, 784, 128, false)]
    [InlineData(32, 128, 10, false)]
    [InlineData(7, 48, 24, true)]
    [InlineData(1, 4, 8, false)]
    [InlineData(33, 7, 5, true)]
    [InlineData(1, 1, 1, false)]
    public void Matches_gather_transposed_matmul_and_bias_reference(int m, int k, int n, bool gather)
    {
        var random = new Random(RandomArrays.Seed(1201, m, k, n, gather ? 1 : 0));
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
        Ops.WeightGradient.Run(deviceA.View, gather ? (ArrayView<int>)deviceRows.View : ArrayView<int>.Empty, deviceDy.View, gradient.View, m, k, n);

        MatMulTolerance.For(m).AssertClose(expected, Download(gradient), $"WeightGradient ({m}x{k})^T . ({m}x{n}) and column sums, gather {gather}");
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
        AssertRejects(argument, gradient, () => Ops.WeightGradient.Run(a.View, rowView, dy.View, gradient.View, m, k, n));
    }
}

[Collection(CpuCollection.Name)]
public sealed class WeightGradientOnCpu(CpuDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class WeightGradientOnCuda(CudaDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class WeightGradientOnOpenCL(OpenCLDeviceFixture fixture) : WeightGradientTests(fixture);
