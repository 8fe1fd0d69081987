namespace Handwriting.Training.Images;

/// <summary>
/// Places a small image in the 28x28 field so that its intensity-weighted centre lands on the
/// field's centre, as MNIST's digits were placed. Pixel (x, y) covers [x, x+1) x [y, y+1), so the
/// field's centre is (14, 14). The shift is a whole number of pixels, which keeps the strokes sharp
/// and the centre within half a pixel; whatever then falls outside the field is cut off.
/// </summary>
internal static class MassCentring
{
    public static float[] Place(float[] image, int width, int height, int side)
    {
        var centroid = InkCentroid.Of(image, width, height);
        float[] field = new float[side * side];
        if (centroid.Mass <= 0)
        {
            return field;
        }

        double centre = side / 2.0;
        int left = (int)Math.Round(centre - centroid.X, MidpointRounding.AwayFromZero);
        int top = (int)Math.Round(centre - centroid.Y, MidpointRounding.AwayFromZero);
        for (int y = Math.Max(0, -top); y < Math.Min(height, side - top); y++)
        {
            for (int x = Math.Max(0, -left); x < Math.Min(width, side - left); x++)
            {
                field[((y + top) * side) + x + left] = image[(y * width) + x];
            }
        }

        return field;
    }
}
