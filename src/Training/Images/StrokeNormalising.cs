namespace Handwriting.Training.Images;

/// <summary>
/// A short digit written with a thick pen, or captured coarsely and enlarged, becomes a blob when
/// MNIST's recipe scales its longer side to 20 px: a 1 whose stroke is half as wide as it is tall
/// turns into a 9 x 20 bar that the model reads as an 8. Such a digit is thinned to its skeleton
/// (Zhang and Suen's thinning of the ink above one half) and redrawn along it with a round pen of
/// MNIST's median width once scaled. Digits whose strokes are no wider than MNIST's widest are
/// left alone. Images are ink in [0, 1], row-major; pixel (x, y) covers [x, x+1) x [y, y+1).
/// </summary>
public static class StrokeNormalising
{
    /// <summary>
    /// Strokes wider than this, in pixels of the digit scaled to <see cref="DigitPreparation.DigitBox"/>,
    /// are redrawn: the 99th percentile of <see cref="StrokeThickening.StrokeWidth"/> over MNIST's
    /// 10,000 test digits (median 2.0, 90th percentile 2.8, 99th 3.7).
    /// </summary>
    public const double MaximumWidth = 3.7;

    /// <summary>The width the skeleton is redrawn at, in pixels of the scaled digit: MNIST's median.</summary>
    public const double RedrawnWidth = 2.0;

    /// <summary>The digit redrawn at <see cref="RedrawnWidth"/> and cropped to its ink, or null when its strokes are not too thick or it has no skeleton to redraw.</summary>
    internal static (float[] Image, int Width, int Height)? Redrawn(float[] image, int width, int height)
    {
        double scaledWidth = StrokeThickening.StrokeWidth(image, width, height) * DigitPreparation.DigitBox / Math.Max(width, height);
        if (scaledWidth <= MaximumWidth)
        {
            return null;
        }

        bool[] skeleton = Skeleton(image, width, height);
        var points = new List<(int X, int Y)>();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (skeleton[(y * width) + x])
                {
                    points.Add((x, y));
                }
            }
        }

        if (points.Count < 2)
        {
            return null;
        }

        // The pen's diameter d such that, once the skeleton's box grown by d is scaled to 20 px, the
        // stroke is RedrawnWidth wide: d * 20 / (L + d) = w, so d = w L / (20 - w).
        int left = points.Min(p => p.X), right = points.Max(p => p.X), top = points.Min(p => p.Y), bottom = points.Max(p => p.Y);
        int longer = Math.Max(right - left, bottom - top) + 1;
        double diameter = Math.Max(1.0, RedrawnWidth * longer / (DigitPreparation.DigitBox - RedrawnWidth));
        double radius = diameter / 2;
        int margin = (int)Math.Ceiling(radius + 0.5);
        int drawnWidth = right - left + 1 + (2 * margin), drawnHeight = bottom - top + 1 + (2 * margin);
        float[] drawn = new float[drawnWidth * drawnHeight];
        foreach ((int px, int py) in points)
        {
            double cx = px - left + margin + 0.5, cy = py - top + margin + 0.5;
            for (int y = (int)Math.Floor(cy - radius - 1); y <= (int)Math.Ceiling(cy + radius + 1); y++)
            {
                for (int x = (int)Math.Floor(cx - radius - 1); x <= (int)Math.Ceiling(cx + radius + 1); x++)
                {
                    if (x < 0 || y < 0 || x >= drawnWidth || y >= drawnHeight)
                    {
                        continue;
                    }

                    // Coverage of a round pen with a one-pixel soft edge, as an antialiased line has.
                    double distance = Math.Sqrt(((x + 0.5 - cx) * (x + 0.5 - cx)) + ((y + 0.5 - cy) * (y + 0.5 - cy)));
                    float ink = (float)Math.Clamp(radius + 0.5 - distance, 0, 1);
                    int i = (y * drawnWidth) + x;
                    drawn[i] = Math.Max(drawn[i], ink);
                }
            }
        }

        // The ink is already [0, 1]: identity levels let InkBox find it as it finds ink in a page.
        if (InkBox.Find(drawn, drawnWidth, drawnHeight, new InkLevels(false, 0f, 1f)) is not InkBox box)
        {
            return null;
        }

        return (box.Crop(drawn, drawnWidth), box.Width, box.Height);
    }

    /// <summary>Zhang and Suen's thinning (1984) of the pixels whose ink is above one half: one-pixel-wide lines that keep the strokes' connections and ends.</summary>
    public static bool[] Skeleton(float[] image, int width, int height)
    {
        bool[] on = image.Select(value => value > 0.5f).ToArray();
        bool On(int x, int y) => x >= 0 && y >= 0 && x < width && y < height && on[(y * width) + x];
        var removed = new List<int>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pass = 0; pass < 2; pass++)
            {
                removed.Clear();
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        if (!on[(y * width) + x])
                        {
                            continue;
                        }

                        // Neighbours P2..P9 clockwise from the one above.
                        bool[] n = [On(x, y - 1), On(x + 1, y - 1), On(x + 1, y), On(x + 1, y + 1), On(x, y + 1), On(x - 1, y + 1), On(x - 1, y), On(x - 1, y - 1)];
                        int neighbours = n.Count(b => b);
                        int rises = Enumerable.Range(0, 8).Count(k => !n[k] && n[(k + 1) % 8]);
                        bool first = pass == 0
                            ? !(n[0] && n[2] && n[4]) && !(n[2] && n[4] && n[6])
                            : !(n[0] && n[2] && n[6]) && !(n[0] && n[4] && n[6]);
                        if (neighbours is >= 2 and <= 6 && rises == 1 && first)
                        {
                            removed.Add((y * width) + x);
                        }
                    }
                }

                foreach (int i in removed)
                {
                    on[i] = false;
                }

                changed |= removed.Count > 0;
            }
        }

        return on;
    }
}
