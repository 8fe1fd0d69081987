using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature both weight-gradient kernels share: <see cref="WeightGradient.Run"/> and <see cref="WeightGradientTiled.Run"/>.</summary>
public delegate void WeightGradientRun(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n);

/// <summary>
/// What every weight-gradient kernel must do, checked once for both (the blocked one and the
/// shared-memory tile one): match GatherReference.Rows, then MatMulTransposeAReference for the
/// weights and BiasGradientReference for the bias row; and refuse wrong shapes before launching.
/// Each test class supplies its own shapes.
/// </summary>
public abstract class WeightGradientContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    protected void AssertMatchesReference(WeightGradientRun run, string name, int seedBase, int m, int k, int n, bool gather)
    {
        var random = new Random(RandomArrays.Seed(seedBase, m, k, n, gather ? 1 : 0));
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
        run(deviceA.View, gather ? (ArrayView<int>)deviceRows.View : ArrayView<int>.Empty, deviceDy.View, gradient.View, m, k, n);

        MatMulTolerance.For(m).AssertClose(expected, Download(gradient), $"{name} ({m}x{k})^T . ({m}x{n}) and column sums, gather {gather}");
    }

    protected void AssertRejectsWrongShape(WeightGradientRun run, string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var rows = Upload(new int[SizeOf(argument, "rows", m)]);
        using var dy = NaNs(SizeOf(argument, "dy", m * n));
        using var gradient = NaNs(SizeOf(argument, "gradient", (k + 1) * n));
        ArrayView<int> rowView = argument == "rows" ? rows.View : ArrayView<int>.Empty;
        AssertRejects(argument, gradient, () => run(a.View, rowView, dy.View, gradient.View, m, k, n));
    }
}
