using Handwriting.Kernels;
using ILGPU;

namespace Handwriting.Training.Checks;

/// <summary>
/// A kernel that only writes out the augmentation's draws, as the Augment kernel computes them on
/// the device, so that `check` can hold them to the host's <see cref="AugmentDraw"/> bit for bit:
/// the reference calls the very same functions on the host, so any difference (a fused
/// multiply-add the device compiler chose, a conversion done in another precision) would make
/// kernel and reference distort every image differently. draws is (Rows, AugmentDraw.PerImage).
/// </summary>
public static class AugmentDrawProbe
{
    [Kernel]
    public static void Kernel(Index1D index, ArrayView<float> draws, AugmentRanges ranges, uint seed, uint step)
    {
        draws[index] = Draw(ranges, seed, step, index / AugmentDraw.PerImage, index % AugmentDraw.PerImage);
    }

    /// <summary>Draw number <paramref name="draw"/> of image <paramref name="row"/>, in AugmentDraw's order: shift x, shift y, rotation, scale, then (dx, dy) per control point.</summary>
    public static float Draw(AugmentRanges ranges, uint seed, uint step, int row, int draw)
    {
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
}
