using SkiaSharp;

namespace Handwriting.Runner.Images;

/// <summary>
/// Turns an image upright as its EXIF orientation asks. Phone cameras store photos sideways and
/// record the rotation only in EXIF; a "7" read sideways would be classified as something else.
/// </summary>
internal static class ImageOrientation
{
    /// <summary>Whether the displayed image is the stored one turned by a quarter (its sides swap).</summary>
    public static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// Where displayed pixel (<paramref name="x"/>, <paramref name="y"/>) lies in the stored
    /// <paramref name="width"/> x <paramref name="height"/> image, per the EXIF definition of each
    /// orientation; an unknown orientation counts as upright.
    /// </summary>
    public static (int X, int Y) Stored(SKEncodedOrigin origin, int x, int y, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => (width - 1 - x, y),
        SKEncodedOrigin.BottomRight => (width - 1 - x, height - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, height - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (y, height - 1 - x),
        SKEncodedOrigin.RightBottom => (width - 1 - y, height - 1 - x),
        SKEncodedOrigin.LeftBottom => (width - 1 - y, x),
        _ => (x, y),
    };

    /// <summary>The stored image turned upright (a new image; the same one when it already is).</summary>
    public static LuminanceImage Upright(LuminanceImage stored, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft || !Enum.IsDefined(origin))
        {
            return stored;
        }

        int w = stored.Width, h = stored.Height;
        int width = SwapsSides(origin) ? h : w, height = SwapsSides(origin) ? w : h;
        float[] upright = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (int sx, int sy) = Stored(origin, x, y, w, h);
                upright[(y * width) + x] = stored.Luminance[(sy * w) + sx];
            }
        }

        return new LuminanceImage(width, height, upright);
    }
}
