using System.Globalization;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// PixelBatch, a batch of images read from a dataset's bytes as the seed scales them (x / 255f),
/// against <see cref="PixelBatchReference"/>, exactly, in every variant: a training batch through
/// shuffled indices, an evaluation chunk, one predicted image, and awkward extents.
/// </summary>
public static class PixelBatchCases
{
    public const string Op = "PixelBatch";

    /// <summary>a is (SourceRows, K) bytes (M rows without indices), y (M, K).</summary>
    public sealed record Shape(int SourceRows, int M, int K, bool Gather)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{M}x{K}{(Gather ? $" gather of {SourceRows}" : "")}");
    }

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(100, 32, 784, true),
        new(1000, 1000, 784, false),
        new(1, 1, 784, false),
        new(9, 7, 33, true),
        new(1, 1, 1, true),
        new(5, 13, 3, true),
    ];

    public static IEnumerable<CheckCase> All() => OpCases.Of<PixelBatch, Shape>(Op, Shapes, Check);

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, PixelBatch op)
    {
        byte[] a = CheckInputs.Pixels(random, (long)(shape.Gather ? shape.SourceRows : shape.M) * shape.K);
        int[] rows = shape.Gather ? CheckInputs.Ints(random, shape.M, shape.SourceRows) : [];
        var expected = new double[(long)shape.M * shape.K];
        PixelBatchReference.Run(a, rows, expected, shape.M, shape.K);

        using var deviceA = DeviceArrays.Upload(device, a);
        using var deviceRows = DeviceArrays.Upload(device, rows);
        using var y = DeviceArrays.NaNs(device, expected.Length);
        op.Run(deviceA.View, DeviceArrays.ViewOf(deviceRows, rows), y.View, shape.M, shape.K);
        return [new CheckOutput("y", expected, DeviceArrays.Download(device, y), Tolerance.Exact)];
    }
}
