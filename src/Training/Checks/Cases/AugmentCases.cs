using System.Globalization;
using Handwriting.Kernels;
using Handwriting.Training.Checks.Adapters;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// Augment against the float64 reference with the same draws: training batches of 32 and one
/// image (affine, and affine with elastic distortion, with and without the capture degradations), odd 5 x 5
/// images, and the transforms
/// whose result is exact, the identity and a whole-pixel shift. Then the draws themselves, bit for
/// bit against the host's (<see cref="AugmentDrawProbe"/>).
/// </summary>
public static class AugmentCases
{
    public const string Op = "Augment";

    public const string DrawsOp = "AugmentDraw";

    /// <summary>
    /// The kernel finds its source points in float, the reference in double: a point a few ulps
    /// apart moves a bilinear sample by at most that distance times the largest pixel step (1).
    /// </summary>
    private static readonly CheckTolerance Geometry = new(2e-5, 0);

    private const uint Seed = 77;

    /// <summary>Every capture degradation on every image, with wide ranges.</summary>
    private static readonly CaptureRanges CaptureAlways = new(1f, 6f, 14f, 1f, 2f, 1f, -0.5f, 0.8f);

    public static IEnumerable<CheckCase> All()
    {
        yield return Case(28, 32, "affine", AugmentRanges.Affine, Geometry);
        yield return Case(28, 32, "affine+elastic 2", AugmentRanges.Affine.WithElastic(2f), Geometry);
        yield return Case(28, 1, "affine+elastic 2", AugmentRanges.Affine.WithElastic(2f), Geometry);
        yield return Case(5, 4, "shift 1 rot 30 scale 0.8-1.2 elastic 1", new AugmentRanges(-1f, 1f, -30f, 30f, 0.8f, 1.2f, 1f), Geometry);
        yield return Case(28, 5, "identity", AugmentRanges.Identity, CheckTolerance.Exact);
        yield return Case(28, 3, "shift 2 px", AugmentRanges.Shift(2f), CheckTolerance.Exact);
        yield return Case(28, 32, "affine+capture", AugmentRanges.Affine.WithCapture(CaptureRanges.Captures), Geometry);
        yield return Case(28, 8, "affine+elastic 2+capture always", AugmentRanges.Affine.WithElastic(2f).WithCapture(CaptureAlways), Geometry);
        yield return Case(5, 4, "coarse 4-5 cells, blur, pen", AugmentRanges.Identity.WithCapture(CaptureAlways with { CoarseMinCells = 4f, CoarseMaxCells = 5f }), Geometry);
        yield return Case(28, 5, "identity, capture off", AugmentRanges.Identity.WithCapture(CaptureAlways with { CoarseChance = 0f, BlurChance = 0f, PenChance = 0f }), CheckTolerance.Exact);
        yield return Draws(32, AugmentRanges.Affine.WithElastic(2f));
        yield return Draws(1, AugmentRanges.Affine);
        yield return Draws(32, AugmentRanges.Affine.WithCapture(CaptureRanges.Captures));
    }

    private static CheckCase Case(int side, int rows, string transform, AugmentRanges ranges, CheckTolerance tolerance)
    {
        string shape = $"{rows} x {side}x{side}, {transform}";
        return new CheckCase(Op, CheckVariants.Portable, shape, target =>
        {
            var random = CheckInputs.For($"{Op} {shape}");
            const int sourceImages = 10;
            var inputs = new AugmentInputs(side, CheckInputs.Pixels(random, (long)sourceImages * side * side), CheckInputs.Ints(random, rows, sourceImages), ranges, Seed, (uint)(rows + 3));
            return [new CheckOutput("images", AugmentAdapter.Reference(inputs), AugmentAdapter.Kernel(target, inputs), tolerance)];
        });
    }

    private static CheckCase Draws(int rows, AugmentRanges ranges)
    {
        string shape = string.Create(CultureInfo.InvariantCulture, $"{rows} x {AugmentDrawProbe.PerRow} draws, elastic {ranges.Elastic}{(ranges.Capture.Any ? ", capture" : "")}");
        return new CheckCase(DrawsOp, CheckVariants.Portable, shape, target =>
            [new CheckOutput("draws", AugmentAdapter.HostDraws(rows, ranges, Seed, 5), AugmentAdapter.DeviceDraws(target, rows, ranges, Seed, 5), CheckTolerance.Bits)]);
    }
}
