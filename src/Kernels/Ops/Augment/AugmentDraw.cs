namespace Handwriting.Kernels;

/// <summary>
/// The random numbers of one image's augmentation, as pure functions of (seed, step, row), the
/// same counter-based hash as the dropout mask (<see cref="DropoutMask.Uniform"/>): the kernel on
/// any backend and the float64 reference draw the same values, and a resumed run repeats them
/// from the step number alone.
/// <para>
/// The row is the image's place in its batch, so an image drawn again in another epoch gets other
/// draws. Row r owns the hash indices [r x <see cref="PerImage"/>, (r + 1) x <see cref="PerImage"/>):
/// four for the affine transform, then two per elastic control point. The capture degradations
/// (<see cref="CaptureRanges"/>) draw from a separate block of hash indices, from
/// <see cref="CaptureBase"/> on, <see cref="CapturePerImage"/> per row, so that adding them leaves
/// every earlier draw, and so every run without them, as it was.
/// </para>
/// </summary>
public static class AugmentDraw
{
    /// <summary>Control points per side of the elastic distortion's grid: 4 x 4 points, 9 pixels apart on a 28-pixel image.</summary>
    public const int ElasticGrid = 4;

    /// <summary>Hash indices one image uses: shift x, shift y, rotation, scale, then (dx, dy) per control point.</summary>
    public const int PerImage = 4 + (2 * ElasticGrid * ElasticGrid);

    public static float ShiftX(AugmentRanges ranges, uint seed, uint step, int row) =>
        Between(ranges.ShiftMin, ranges.ShiftMax, seed, step, row, 0);

    public static float ShiftY(AugmentRanges ranges, uint seed, uint step, int row) =>
        Between(ranges.ShiftMin, ranges.ShiftMax, seed, step, row, 1);

    public static float RotationDegrees(AugmentRanges ranges, uint seed, uint step, int row) =>
        Between(ranges.RotationMinDegrees, ranges.RotationMaxDegrees, seed, step, row, 2);

    public static float Scale(AugmentRanges ranges, uint seed, uint step, int row) =>
        Between(ranges.ScaleMin, ranges.ScaleMax, seed, step, row, 3);

    /// <summary>
    /// The elastic displacement, in [-Elastic, Elastic) pixels, of control point (gx, gy) along
    /// axis 0 (x) or 1 (y).
    /// </summary>
    public static float ElasticDisplacement(AugmentRanges ranges, uint seed, uint step, int row, int gx, int gy, int axis) =>
        Between(-ranges.Elastic, ranges.Elastic, seed, step, row, 4 + (2 * ((gy * ElasticGrid) + gx)) + axis);

    /// <summary>Hash indices one image uses for its capture degradations: coarse chance, cells, grid offset x and y, blur chance, spread, pen chance, level.</summary>
    public const int CapturePerImage = 8;

    /// <summary>The first hash index of the capture draws: far above the affine and elastic ones of any batch (2^31 / 36 rows).</summary>
    public const uint CaptureBase = 0x8000_0000u;

    /// <summary>Whether the image is captured on a coarse grid.</summary>
    public static bool Coarse(AugmentRanges ranges, uint seed, uint step, int row) =>
        CaptureUniform(seed, step, row, 0) < ranges.Capture.CoarseChance;

    /// <summary>Cells across the image of the coarse grid, in [CoarseMinCells, CoarseMaxCells).</summary>
    public static float CoarseCells(AugmentRanges ranges, uint seed, uint step, int row) =>
        ranges.Capture.CoarseMinCells + (CaptureUniform(seed, step, row, 1) * (ranges.Capture.CoarseMaxCells - ranges.Capture.CoarseMinCells));

    /// <summary>Where the coarse grid starts along axis 0 (x) or 1 (y), as a fraction of a cell in [0, 1).</summary>
    public static float GridOffset(uint seed, uint step, int row, int axis) =>
        CaptureUniform(seed, step, row, 2 + axis);

    /// <summary>The blur's spread in pixels, in [0, BlurMaxSpread) for a blurred image, else 0.</summary>
    public static float BlurSpread(AugmentRanges ranges, uint seed, uint step, int row) =>
        CaptureUniform(seed, step, row, 4) < ranges.Capture.BlurChance ? CaptureUniform(seed, step, row, 5) * ranges.Capture.BlurMaxSpread : 0f;

    /// <summary>The pen's level shift, in [PenMin, PenMax) for an image given another pen, else 0.</summary>
    public static float PenLevel(AugmentRanges ranges, uint seed, uint step, int row) =>
        CaptureUniform(seed, step, row, 6) < ranges.Capture.PenChance
            ? ranges.Capture.PenMin + (CaptureUniform(seed, step, row, 7) * (ranges.Capture.PenMax - ranges.Capture.PenMin))
            : 0f;

    private static float CaptureUniform(uint seed, uint step, int row, int draw) =>
        DropoutMask.Uniform(seed, step, CaptureBase + (uint)((row * CapturePerImage) + draw));

    /// <summary>min + u (max - min) with u uniform in [0, 1): exactly min when the interval is a single value.</summary>
    private static float Between(float min, float max, uint seed, uint step, int row, int draw) =>
        min + (DropoutMask.Uniform(seed, step, (uint)((row * PerImage) + draw)) * (max - min));
}
