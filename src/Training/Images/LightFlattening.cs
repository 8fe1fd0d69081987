namespace Handwriting.Training.Images;

/// <summary>
/// A photo with a shadow across the page has no single paper level: with the border's median as
/// the background, the shaded side of the page reads as ink and the digit's box swallows it (on
/// the development set, uneven light halved the seed model's accuracy). The page's light is
/// modelled as a plane fitted to the border's luminance (least squares, refitted once without the
/// pixels far off the first fit, such as strokes that touch the border), and divided out on a
/// light page (shading multiplies reflectance) or subtracted on a dark one. A page whose fitted
/// light varies by less than <see cref="MinimumVariation"/> is left exactly as it is.
/// </summary>
public static class LightFlattening
{
    /// <summary>Below this range of the fitted plane over the image (a 25th of full scale), the light counts as even.</summary>
    public const double MinimumVariation = 0.04;

    /// <summary>The luminance with the light made even, or the same array when it already is.</summary>
    public static float[] Flattened(float[] luminance, int width, int height)
    {
        var border = new List<(double U, double V, double L)>();
        for (int y = 0; y < height; y++)
        {
            bool edgeRow = y == 0 || y == height - 1;
            for (int x = 0; x < width; x += edgeRow || width == 1 ? 1 : width - 1)
            {
                border.Add((U(x, width), U(y, height), luminance[(y * width) + x]));
            }
        }

        double[]? plane = Fit(border);
        if (plane is null)
        {
            return luminance;
        }

        double[] residuals = border.Select(p => Math.Abs(p.L - Evaluate(plane, p.U, p.V))).Order().ToArray();
        double typical = residuals[residuals.Length / 2];
        plane = Fit(border.Where(p => Math.Abs(p.L - Evaluate(plane, p.U, p.V)) <= (3 * typical) + 0.02).ToList()) ?? plane;

        // The plane is linear: its extremes over the image are at the corners, |b| + |c| from its centre value.
        double variation = 2 * (Math.Abs(plane[1]) + Math.Abs(plane[2]));
        if (variation < MinimumVariation)
        {
            return luminance;
        }

        double mean = plane[0];
        bool light = mean > 0.5;
        float[] flat = new float[luminance.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double level = Evaluate(plane, U(x, width), U(y, height));
                double value = luminance[(y * width) + x];
                flat[(y * width) + x] = (float)Math.Clamp(light ? value * mean / Math.Max(level, 0.05) : value - level + mean, 0, 1);
            }
        }

        return flat;
    }

    /// <summary>A pixel's centre in [-1/2, 1/2] across the image, so that the plane's constant is its value at the centre.</summary>
    private static double U(int i, int length) => ((i + 0.5) / length) - 0.5;

    private static double Evaluate(double[] plane, double u, double v) => plane[0] + (plane[1] * u) + (plane[2] * v);

    /// <summary>Least squares l = a + b u + c v through the normal equations; null when they are singular (too few or collinear points).</summary>
    private static double[]? Fit(IReadOnlyList<(double U, double V, double L)> points)
    {
        double[,] m = new double[3, 4];
        foreach ((double u, double v, double l) in points)
        {
            double[] row = [1, u, v];
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    m[i, j] += row[i] * row[j];
                }

                m[i, 3] += row[i] * l;
            }
        }

        // Gauss-Jordan elimination with partial pivoting on the 3 x 4 augmented matrix.
        for (int c = 0; c < 3; c++)
        {
            int pivot = Enumerable.Range(c, 3 - c).MaxBy(r => Math.Abs(m[r, c]));
            if (Math.Abs(m[pivot, c]) < 1e-9)
            {
                return null;
            }

            for (int j = 0; j < 4; j++)
            {
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            }

            for (int r = 0; r < 3; r++)
            {
                if (r != c)
                {
                    double factor = m[r, c] / m[c, c];
                    for (int j = 0; j < 4; j++)
                    {
                        m[r, j] -= factor * m[c, j];
                    }
                }
            }
        }

        return [m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]];
    }
}
