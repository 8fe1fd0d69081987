using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using ILGPU;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// WeightGradient, [A^T . dY ; column sums of dY] with A gathered through row indices, against
/// Gather, MatMulTransposeA and BiasGradient in float64 (<see cref="WeightGradientReference"/>), in
/// every variant: the seed model's two layers (batch 32, and a batch of 128), one row, one element,
/// and extents that are multiples of neither block nor tile (K + 1 a multiple of 16 once: 17 x 15 x
/// 16; the bias row alone in its tile row: K = 16).
/// </summary>
public static class WeightGradientCases
{
    public const string Op = "WeightGradient";

    /// <summary>a is (SourceRows, K) with rows (M) or none, dy (M, N); the gradient is (K + 1, N).</summary>
    public sealed record Shape(int M, int K, int N, bool Gather, bool Large = false)
    {
        public override string ToString() => $"{M}x{K}x{N}" + (Gather ? " gather" : "");
    }

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(32, 784, 128, Gather: true),
        new(32, 128, 10, Gather: false),
        new(1, 784, 128, Gather: true, Large: true),
        new(7, 33, 5, Gather: true),
        new(33, 47, 29, Gather: false),
        new(1, 1, 1, Gather: true),
        new(32, 784, 128, Gather: false, Large: true),
        new(7, 48, 24, Gather: true),
        new(1, 4, 8, Gather: false),
        new(33, 7, 5, Gather: true),
        new(1, 1, 1, Gather: false),
        new(128, 784, 128, Gather: true, Large: true),
        new(33, 47, 29, Gather: true),
        new(17, 15, 16, Gather: false),
        new(16, 16, 16, Gather: true),
    ];

    public static IEnumerable<CheckCase> All() => OpCases.Of<WeightGradient, Shape>(Op, Shapes, Check, shape => shape.Large);

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, WeightGradient op)
    {
        int sourceRows = shape.Gather ? shape.M + 5 : shape.M;
        float[] a = CheckInputs.Floats(random, (long)sourceRows * shape.K);
        int[] rows = shape.Gather ? CheckInputs.Ints(random, shape.M, sourceRows) : [];
        float[] dy = CheckInputs.Floats(random, (long)shape.M * shape.N);

        var expected = new double[((long)shape.K + 1) * shape.N];
        WeightGradientReference.Run(CheckInputs.Widen(a), rows, CheckInputs.Widen(dy), expected, shape.M, shape.K, shape.N);

        using var deviceA = DeviceArrays.Upload(device, a);
        using var deviceRows = DeviceArrays.Upload(device, rows);
        using var deviceDy = DeviceArrays.Upload(device, dy);
        using var gradient = DeviceArrays.NaNs(device, expected.Length);
        ArrayView<int> rowView = DeviceArrays.ViewOf(deviceRows, rows);
        op.Run(deviceA.View, rowView, deviceDy.View, gradient.View, shape.M, shape.K, shape.N);
        return [new CheckOutput("dW;db", expected, DeviceArrays.Download(device, gradient), Tolerance.MatMul(shape.M))];
    }
}
