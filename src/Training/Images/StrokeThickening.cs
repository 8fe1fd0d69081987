namespace Handwriting.Training.Images;

/// <summary>
/// A pencil line comes out under a pixel wide and faint once the digit is scaled to 20 px, while
/// MNIST's strokes are two to three pixels wide. Such a scaled digit is dilated once, a grey 3x3
/// maximum with the diagonal neighbours at half weight and nothing beyond the image's edge, which
/// widens every stroke by about two pixels inside the digit's box; digits with strokes a pixel
/// wide or more are left alone.
/// </summary>
internal static class StrokeThickening
{
    /// <summary>Strokes estimated narrower than this, in pixels of the scaled digit, are thickened.</summary>
    public const double MinimumWidth = 1.0;

    /// <summary>
    /// The mean stroke width: a stroke of width w and length L has area wL and a boundary of about
    /// 2L, so w is about 2 area / boundary. The boundary is the sum of the ink differences between
    /// 4-neighbours, outside the image counting as no ink. 0 for an image without ink.
    /// </summary>
    public static double StrokeWidth(float[] image, int width, int height)
    {
        double area = 0, boundary = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float value = image[(y * width) + x];
                area += value;
                float right = x + 1 < width ? image[(y * width) + x + 1] : 0f;
                float below = y + 1 < height ? image[((y + 1) * width) + x] : 0f;
                boundary += Math.Abs(value - right) + Math.Abs(value - below);
                boundary += x == 0 ? value : 0;
                boundary += y == 0 ? value : 0;
            }
        }

        return boundary > 0 ? 2 * area / boundary : 0;
    }

    /// <summary>The image dilated once if its strokes are thinner than <see cref="MinimumWidth"/>; otherwise the image itself.</summary>
    public static float[] ThickenIfThin(float[] image, int width, int height)
    {
        double strokeWidth = StrokeWidth(image, width, height);
        if (strokeWidth <= 0 || strokeWidth >= MinimumWidth)
        {
            return image;
        }

        float[] thick = new float[image.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float most = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height)
                        {
                            float weight = dx == 0 || dy == 0 ? 1f : 0.5f;
                            most = Math.Max(most, image[(ny * width) + nx] * weight);
                        }
                    }
                }

                thick[(y * width) + x] = most;
            }
        }

        return thick;
    }
}
