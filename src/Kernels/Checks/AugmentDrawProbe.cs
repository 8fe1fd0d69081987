using Handwriting.Kernels;
using ILGPU;

namespace Handwriting.Kernels.Checks;

/// <summary>
/// A kernel that only writes out the augmentation's draws, as the Augment kernel computes them on
/// the device, so that `check` can hold them to the host's <see cref="AugmentDraw"/> bit for bit:
/// the reference calls the very same functions on the host, so any difference (a fused
/// multiply-add the device compiler chose, a conversion done in another precision) would make
/// kernel and reference distort every image differently. draws is (Rows, <see cref="PerRow"/>).
/// </summary>
public static class AugmentDrawProbe
{
    /// <summary>The values one row's draws give: the affine and elastic draws, then the six capture values.</summary>
    public const int PerRow = AugmentDraw.PerImage + 6;

    [Kernel]
    public static void Kernel(Index1D index, ArrayView<float> draws, AugmentRanges ranges, uint seed, uint step)
    {
        draws[index] = Draw(ranges, seed, step, index / PerRow, index % PerRow);
    }

    /// <summary>
    /// Value number <paramref name="draw"/> of image <paramref name="row"/>, in AugmentDraw's order: shift x, shift y,
    /// rotation, scale, (dx, dy) per control point; then coarse (1 or 0), cells, grid offset x and y, blur spread, pen level.
    /// </summary>
    public static float Draw(AugmentRanges ranges, uint seed, uint step, int row, int draw)
    {
        if (draw >= AugmentDraw.PerImage)
        {
            return CaptureDraw(ranges, seed, step, row, draw - AugmentDraw.PerImage);
        }

        if (draw == 0)
        {
            return AugmentDraw.ShiftX(ranges, seed, step, row);
        }

        if (draw == 1)
        {
            return AugmentDraw.ShiftY(ranges, seed, step, row);
        }

        if (draw == 2)
        {
            return AugmentDraw.RotationDegrees(ranges, seed, step, row);
        }

        if (draw == 3)
        {
            return AugmentDraw.Scale(ranges, seed, step, row);
        }

        int point = (draw - 4) / 2;
        return AugmentDraw.ElasticDisplacement(ranges, seed, step, row, point % AugmentDraw.ElasticGrid, point / AugmentDraw.ElasticGrid, (draw - 4) % 2);
    }

    private static float CaptureDraw(AugmentRanges ranges, uint seed, uint step, int row, int value)
    {
        if (value == 0)
        {
            return AugmentDraw.Coarse(ranges, seed, step, row) ? 1f : 0f;
        }

        if (value == 1)
        {
            return AugmentDraw.CoarseCells(ranges, seed, step, row);
        }

        if (value is 2 or 3)
        {
            return AugmentDraw.GridOffset(seed, step, row, value - 2);
        }

        return value == 4 ? AugmentDraw.BlurSpread(ranges, seed, step, row) : AugmentDraw.PenLevel(ranges, seed, step, row);
    }
}
