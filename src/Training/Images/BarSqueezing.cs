namespace Handwriting.Training.Images;

/// <summary>
/// A 1 written with a thick pen, or captured coarsely and enlarged (its halo counted as ink), is a
/// bar a third as wide as it is tall: scaled to MNIST's 20 pixels it becomes a blob 6 to 8 pixels
/// wide, which MNIST never showed as a 1 (its 1s are a stroke about 3 pixels wide: the median of
/// each row's ink) and the network reads as an 8. A narrow digit whose rows hold far more ink
/// than that, and whose rows are filled (no hole: not a narrow 0 or 8), is squeezed sideways, its height kept, until its rows hold about as much as MNIST's
/// 1s; other digits are left alone (under 2% of MNIST's other digits are that narrow).
/// </summary>
internal static class BarSqueezing
{
    /// <summary>A scaled digit at most this wide (of 20 pixels tall) counts as a bar: MNIST's upright 1s are, its other digits almost never.</summary>
    public const int MaxBarWidth = DigitPreparation.DigitBox / 2;

    /// <summary>Rows with more ink than this, in pixels (the 90th percentile of MNIST's test 1s: 4.2), make a bar too thick.</summary>
    public const double ThickRowInk = 4.2;

    /// <summary>A bar's rows are filled: their median ink is at least this fraction of the width. The rows of a narrow 8 or 0 cross two strokes and a hole between them.</summary>
    public const double SolidFill = 0.75;

    /// <summary>What a squeezed bar's rows hold: the median of MNIST's test 1s (2.95 pixels).</summary>
    public const double TargetRowInk = 3.0;

    /// <summary>
    /// The width to scale a digit to instead of <paramref name="width"/>: narrower for a thick bar,
    /// the same otherwise. <paramref name="scaled"/> is the digit scaled to width x height, height the taller side.
    /// </summary>
    public static int SqueezedWidth(float[] scaled, int width, int height)
    {
        if (width > MaxBarWidth || width >= height)
        {
            return width;
        }

        var rows = new List<double>(height);
        for (int y = 0; y < height; y++)
        {
            double ink = 0;
            for (int x = 0; x < width; x++)
            {
                ink += scaled[(y * width) + x];
            }

            if (ink > 0.2)
            {
                rows.Add(ink);
            }
        }

        if (rows.Count == 0)
        {
            return width;
        }

        rows.Sort();
        double median = rows[rows.Count / 2];
        return median > ThickRowInk && median >= SolidFill * width ? Math.Max(1, (int)Math.Round(width * TargetRowInk / median, MidpointRounding.AwayFromZero)) : width;
    }
}
