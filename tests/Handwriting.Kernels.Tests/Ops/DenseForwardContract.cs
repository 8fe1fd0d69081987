using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature both forward kernels share: <see cref="DenseForward.Run"/> and <see cref="DenseForwardTiled.Run"/>.</summary>
public delegate void DenseForwardRun(
    ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, int m, int k, int n, Activation activation, DropoutSettings dropout);

/// <summary>
/// What every dense forward kernel must do, checked once for both (the blocked one and the
/// shared-memory tile one): match the reference composition it fuses, GatherReference.Rows, then
/// MatMulReference (bias, activation), then DropoutReference.Forward; and refuse wrong shapes
/// before launching. Each test class supplies its own shapes.
/// </summary>
public abstract class DenseForwardContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    protected void AssertMatchesReference(DenseForwardRun run, string name, int seedBase, int m, int k, int n, Activation activation, bool withBias, bool gather, float rate)
    {
        var random = new Random(RandomArrays.Seed(seedBase, m, k, n, (int)activation, withBias ? 1 : 0, gather ? 1 : 0, (int)(rate * 100)));
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
        run(
            deviceA.View, gather ? (ArrayView<int>)deviceRows.View : ArrayView<int>.Empty, deviceW.View, withBias ? (ArrayView<float>)deviceBias.View : ArrayView<float>.Empty,
            y.View, m, k, n, activation, new DropoutSettings(rate, seed, step));

        MatMulTolerance.For(k).AssertClose(expected, Download(y), $"{name} ({m}x{k}) . ({k}x{n}), {activation}, bias {withBias}, gather {gather}, dropout {rate}");
    }

    protected void AssertRejectsWrongShape(DenseForwardRun run, string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var rows = Upload(new int[SizeOf(argument, "rows", m)]);
        using var w = NaNs(SizeOf(argument, "w", k * n));
        using var bias = NaNs(SizeOf(argument, "bias", n));
        using var y = NaNs(SizeOf(argument, "y", m * n));
        ArrayView<int> rowView = argument == "rows" ? rows.View : ArrayView<int>.Empty;
        AssertRejects(argument, y, () => run(a.View, rowView, w.View, bias.View, y.View, m, k, n, Activation.Relu, default));
    }
}
