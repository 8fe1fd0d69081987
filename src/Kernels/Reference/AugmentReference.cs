namespace Handwriting.Kernels.Reference;

/// <summary>
/// The augmented batch in float64: destination image r is source image indices[r], read at
/// q = c + R(-angle) (p - c - shift) / scale + e(p) for every output pixel p and sampled
/// bilinearly with zeros outside. The draws are <see cref="AugmentDraw"/>'s, the very functions
/// the kernel calls, so both transform every image alike; only the geometry is in double here.
/// source is (SourceImages, Side x Side), indices is (Rows), destination is (Rows, Side x Side).
/// The reference for <see cref="Augment"/>.
/// </summary>
public static class AugmentReference
{
    public static void Run(double[] source, int[] indices, double[] destination, int rows, int side, AugmentRanges ranges, uint seed, uint step)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(side, nameof(side));
        int pixels = side * side;
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, (long)rows * pixels, nameof(destination), $"({rows}, {side} x {side})");
        if (source.Length % pixels != 0)
        {
            throw new ArgumentException($"source has {source.Length} elements, not a whole number of {side} x {side} images", nameof(source));
        }

        Require.Indices(indices, source.Length / pixels, nameof(indices));
        if (ranges.Fault() is { } fault)
        {
            throw new ArgumentException(fault, nameof(ranges));
        }

        double centre = (side - 1) / 2.0;
        for (int r = 0; r < rows; r++)
        {
            double radians = AugmentDraw.RotationDegrees(ranges, seed, step, r) * (Math.PI / 180.0);
            double cos = Math.Cos(radians);
            double sin = Math.Sin(radians);
            double scale = AugmentDraw.Scale(ranges, seed, step, r);
            double shiftX = AugmentDraw.ShiftX(ranges, seed, step, r);
            double shiftY = AugmentDraw.ShiftY(ranges, seed, step, r);
            int image = indices[r] * pixels;
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    double u = x - centre - shiftX;
                    double v = y - centre - shiftY;
                    double sourceX = centre + (((cos * u) + (sin * v)) / scale);
                    double sourceY = centre + (((cos * v) - (sin * u)) / scale);
                    if (ranges.Elastic > 0f)
                    {
                        sourceX += Elastic(ranges, seed, step, r, side, x, y, 0);
                        sourceY += Elastic(ranges, seed, step, r, side, x, y, 1);
                    }

                    destination[((long)r * pixels) + (y * side) + x] = Bilinear(source, image, side, sourceX, sourceY);
                }
            }
        }
    }

    private static double Elastic(AugmentRanges ranges, uint seed, uint step, int row, int side, int x, int y, int axis)
    {
        const int last = AugmentDraw.ElasticGrid - 1;
        double spacing = (side - 1) / (double)last;
        double gridX = x / spacing;
        double gridY = y / spacing;
        int gx = Math.Min((int)gridX, last - 1);
        int gy = Math.Min((int)gridY, last - 1);
        double ax = gridX - gx;
        double ay = gridY - gy;
        double Control(int cx, int cy) => AugmentDraw.ElasticDisplacement(ranges, seed, step, row, cx, cy, axis);
        double top = Control(gx, gy) + ((Control(gx + 1, gy) - Control(gx, gy)) * ax);
        double bottom = Control(gx, gy + 1) + ((Control(gx + 1, gy + 1) - Control(gx, gy + 1)) * ax);
        return top + ((bottom - top) * ay);
    }

    private static double Bilinear(double[] source, int image, int side, double x, double y)
    {
        int x0 = (int)Math.Floor(x);
        int y0 = (int)Math.Floor(y);
        double ax = x - x0;
        double ay = y - y0;
        double Pixel(int px, int py) => px >= 0 && px < side && py >= 0 && py < side ? source[image + (py * side) + px] : 0.0;
        return ((1 - ax) * (1 - ay) * Pixel(x0, y0))
            + (ax * (1 - ay) * Pixel(x0 + 1, y0))
            + ((1 - ax) * ay * Pixel(x0, y0 + 1))
            + (ax * ay * Pixel(x0 + 1, y0 + 1));
    }
}
