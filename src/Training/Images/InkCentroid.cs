namespace Handwriting.Training.Images;

/// <summary>
/// An image's ink mass and its intensity-weighted centre, with pixel (x, y) covering
/// [x, x+1) x [y, y+1) (so a lone pixel's centre is (x + 0.5, y + 0.5)). The centre is NaN when
/// there is no ink: callers check <see cref="Mass"/> first.
/// </summary>
internal readonly record struct InkCentroid(double Mass, double X, double Y)
{
    public static InkCentroid Of(float[] image, int width, int height)
    {
        double mass = 0, xMoment = 0, yMoment = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double value = image[(y * width) + x];
                mass += value;
                xMoment += value * (x + 0.5);
                yMoment += value * (y + 0.5);
            }
        }

        return new InkCentroid(mass, xMoment / mass, yMoment / mass);
    }
}
