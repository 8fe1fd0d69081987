using System.Globalization;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// Augment against the float64 reference with the same draws (<see cref="AugmentReference"/>):
/// training batches of 32, 7 and one image (affine, and affine with elastic distortion, with and
/// without the capture degradations), odd 5 x 5 and 13 x 13 images, and the transforms whose
/// result is exact, the identity and a whole-pixel shift. Then the draws themselves, bit for bit
/// against the host's (<see cref="AugmentDrawProbe"/>).
/// </summary>
public static class AugmentCases
{
    public const string Op = "Augment";

    public const string DrawsOp = "AugmentDraw";

    /// <summary>
    /// The kernel finds its source points in float, the reference in double: a point a few ulps
    /// apart moves a bilinear sample by at most that distance times the largest pixel step (1).
    /// </summary>
    private static readonly Tolerance Geometry = new(2e-5, 0);

    private const uint Seed = 77;

    private const int SourceImages = 10;

    /// <summary>Every capture degradation on every image, with wide ranges.</summary>
    public static readonly CaptureRanges CaptureAlways = new(1f, 6f, 14f, 1f, 2f, 1f, -0.5f, 0.8f);

    private static readonly AugmentRanges OddShift = new(-1f, 1f, -30f, 30f, 0.8f, 1.2f, 1f);

    /// <summary>images are (SourceImages, Side x Side), Rows indices into them; the output is (Rows, Side x Side).</summary>
    public sealed record Shape(int Side, int Rows, string Transform, AugmentRanges Ranges, bool Exact = false)
    {
        public override string ToString() => $"{Rows} x {Side}x{Side}, {Transform}";
    }

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(28, 32, "affine", AugmentRanges.Affine),
        new(28, 32, "affine+elastic 2", AugmentRanges.Affine.WithElastic(2f)),
        new(28, 1, "affine+elastic 2", AugmentRanges.Affine.WithElastic(2f)),
        new(5, 4, "shift 1 rot 30 scale 0.8-1.2 elastic 1", OddShift),
        new(28, 5, "identity", AugmentRanges.Identity, Exact: true),
        new(28, 3, "shift 2 px", AugmentRanges.Shift(2f), Exact: true),
        new(28, 32, "affine+capture", AugmentRanges.Affine.WithCapture(CaptureRanges.Captures)),
        new(28, 8, "affine+elastic 2+capture always", AugmentRanges.Affine.WithElastic(2f).WithCapture(CaptureAlways)),
        new(5, 4, "coarse 4-5 cells, blur, pen", AugmentRanges.Identity.WithCapture(CaptureAlways with { CoarseMinCells = 4f, CoarseMaxCells = 5f })),
        new(28, 5, "identity, capture off", AugmentRanges.Identity.WithCapture(CaptureAlways with { CoarseChance = 0f, BlurChance = 0f, PenChance = 0f }), Exact: true),
        new(28, 1, "affine", AugmentRanges.Affine),
        new(28, 7, "affine", AugmentRanges.Affine),
        new(28, 7, "affine+elastic 2", AugmentRanges.Affine.WithElastic(2f)),
        new(28, 1, "affine+capture always", AugmentRanges.Affine.WithCapture(CaptureAlways)),
        new(28, 5, "affine+capture", AugmentRanges.Affine.WithCapture(CaptureRanges.Captures)),
        new(28, 7, "affine+capture always", AugmentRanges.Affine.WithCapture(CaptureAlways)),
        new(28, 32, "affine+elastic 2+capture always", AugmentRanges.Affine.WithElastic(2f).WithCapture(CaptureAlways)),
        new(5, 4, "shift 1 rot 30 scale 0.8-1.2 elastic 1, capture, coarse 4-5 cells", OddShift with { Capture = CaptureAlways with { CoarseChance = 0.5f, CoarseMinCells = 4f, CoarseMaxCells = 5f } }),
        new(13, 9, "shift 1 rot 30 scale 0.8-1.2 elastic 1, capture, coarse 4-5 cells", OddShift with { Capture = CaptureAlways with { CoarseChance = 0.5f, CoarseMinCells = 4f, CoarseMaxCells = 5f } }),
    ];

    /// <summary>The draws: rows, and the ranges whose draws they are.</summary>
    private static readonly (int Rows, AugmentRanges Ranges)[] DrawShapes =
    [
        (32, AugmentRanges.Affine.WithElastic(2f)),
        (1, AugmentRanges.Affine),
        (32, AugmentRanges.Affine.WithCapture(CaptureRanges.Captures)),
    ];

    public static IEnumerable<CheckCase> All() =>
        [.. OpCases.Of<Augment, Shape>(Op, Shapes, Check), .. DrawShapes.Select(shape => Draws(shape.Rows, shape.Ranges))];

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, Augment op)
    {
        int pixels = shape.Side * shape.Side;
        byte[] images = CheckInputs.Pixels(random, (long)SourceImages * pixels);
        int[] indices = CheckInputs.Ints(random, shape.Rows, SourceImages);
        uint step = (uint)(shape.Rows + 3);
        var expected = new double[(long)shape.Rows * pixels];
        AugmentReference.Run(images, indices, expected, shape.Rows, shape.Side, shape.Ranges, Seed, step);

        using var source = DeviceArrays.Upload(device, images);
        using var rows = DeviceArrays.Upload(device, indices);
        using var destination = DeviceArrays.NaNs(device, expected.Length);
        op.Run(source.View, rows.View, destination.View, shape.Rows, shape.Side, shape.Ranges, Seed, step);
        return [new CheckOutput("images", expected, DeviceArrays.Download(device, destination), shape.Exact ? Tolerance.Exact : Geometry)];
    }

    private static CheckCase Draws(int rows, AugmentRanges ranges)
    {
        const uint step = 5;
        string shape = string.Create(CultureInfo.InvariantCulture, $"{rows} x {AugmentDrawProbe.PerRow} draws, elastic {ranges.Elastic}{(ranges.Capture.Any ? ", capture" : "")}");
        return new CheckCase(DrawsOp, KernelVariant.Portable.Name(), shape, target =>
            [new CheckOutput("draws", HostDraws(rows, ranges, Seed, step), DeviceDraws(target.Device, rows, ranges, Seed, step), Tolerance.Bits)])
        {
            Kernel = KernelVariant.Portable,
        };
    }

    /// <summary>The draws of rows images as the device computes them: (rows, AugmentDrawProbe.PerRow).</summary>
    private static float[] DeviceDraws(ComputeDevice device, int rows, AugmentRanges ranges, uint seed, uint step)
    {
        var probe = device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, AugmentRanges, uint, uint>(AugmentDrawProbe.Kernel);
        using var draws = DeviceArrays.NaNs(device, (long)rows * AugmentDrawProbe.PerRow);
        probe(rows * AugmentDrawProbe.PerRow, draws.View, ranges, seed, step);
        return DeviceArrays.Download(device, draws);
    }

    /// <summary>The same draws on the host, where the reference takes them from.</summary>
    private static double[] HostDraws(int rows, AugmentRanges ranges, uint seed, uint step)
    {
        var draws = new double[rows * AugmentDrawProbe.PerRow];
        for (int i = 0; i < draws.Length; i++)
        {
            draws[i] = AugmentDrawProbe.Draw(ranges, seed, step, i / AugmentDrawProbe.PerRow, i % AugmentDrawProbe.PerRow);
        }

        return draws;
    }
}
