namespace Handwriting.Training.Images;

/// <summary>
/// Straightens a slanted digit by image moments, as LeCun's deslanted MNIST variants did: the
/// image is sheared along x, row by row, so that its second-order moment mu11 becomes zero, that is
/// its principal axis becomes vertical while every row keeps its height. The shear is
/// x' = x - alpha (y - cy) with alpha = mu11 / mu02, which gives mu11' = mu11 - alpha mu02 = 0.
/// Pixel (x, y) covers [x, x+1) x [y, y+1); images are ink in [0, 1], row-major.
/// </summary>
internal static class Deskewing
{
    /// <summary>
    /// Shears below one in a hundred (about half a degree) are left alone: an upright digit comes
    /// out exactly as it went in.
    /// </summary>
    public const double MinimumShear = 0.01;

    /// <summary>
    /// At most 45 degrees: a nearly horizontal stroke (a lone dash) has a tiny mu02, and an
    /// unbounded shear would smear it across a field many times its width.
    /// </summary>
    public const double MaximumShear = 1.0;

    /// <summary>The shear alpha = mu11 / mu02 that makes mu11 zero, within +-<see cref="MaximumShear"/>; 0 for an image without ink or a single row of it.</summary>
    public static double Shear(float[] image, int width, int height) =>
        Shear(image, width, height, InkCentroid.Of(image, width, height));

    private static double Shear(float[] image, int width, int height, InkCentroid centroid)
    {
        double mass = centroid.Mass;
        if (mass <= 0)
        {
            return 0;
        }

        double cx = centroid.X, cy = centroid.Y;
        double mu11 = 0, mu02 = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double value = image[(y * width) + x];
                mu11 += value * (x + 0.5 - cx) * (y + 0.5 - cy);
                mu02 += value * (y + 0.5 - cy) * (y + 0.5 - cy);
            }
        }

        // Relative to the mass, so that faint and strong ink, small and large images, decide alike.
        if (mu02 <= 1e-9 * mass)
        {
            return 0;
        }

        return Math.Clamp(mu11 / mu02, -MaximumShear, MaximumShear);
    }

    /// <summary>
    /// The image sheared upright and cropped to its ink (above <see cref="InkBox.Threshold"/>), or
    /// null when it needs no shear (below <see cref="MinimumShear"/>) or nothing would be left.
    /// Each row is moved by linear interpolation along x, so ink is neither lost nor created.
    /// </summary>
    public static (float[] Image, int Width, int Height)? Upright(float[] image, int width, int height)
    {
        var centroid = InkCentroid.Of(image, width, height);
        double alpha = Shear(image, width, height, centroid);
        if (Math.Abs(alpha) < MinimumShear)
        {
            return null;
        }

        double cy = centroid.Y; // there is ink: a shear is never drawn from an empty image

        // Row y's centre moves by -alpha (y + 0.5 - cy); the top and bottom rows bound the moves.
        double firstMove = -alpha * (0.5 - cy), lastMove = -alpha * (height - 0.5 - cy);
        double leftmost = Math.Min(firstMove, lastMove);
        int shearedWidth = width + (int)Math.Ceiling(Math.Abs(firstMove - lastMove)) + 1;
        float[] sheared = new float[shearedWidth * height];
        for (int y = 0; y < height; y++)
        {
            double move = (-alpha * (y + 0.5 - cy)) - leftmost;
            for (int x = 0; x < shearedWidth; x++)
            {
                double source = x - move;
                int left = (int)Math.Floor(source);
                double right = source - left;
                double value = (Pixel(image, width, y, left) * (1 - right)) + (Pixel(image, width, y, left + 1) * right);
                sheared[(y * shearedWidth) + x] = (float)value;
            }
        }

        // The ink is already [0, 1]: identity levels let InkBox find it as it finds ink in a page.
        InkBox? found = InkBox.Find(sheared, shearedWidth, height, new InkLevels(false, 0f, 1f));
        if (found is not InkBox box)
        {
            return null;
        }

        return (box.Crop(sheared, shearedWidth), box.Width, box.Height);
    }

    private static double Pixel(float[] image, int width, int y, int x) =>
        x >= 0 && x < width ? image[(y * width) + x] : 0;
}
