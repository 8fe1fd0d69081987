using SkiaSharp;

namespace Handwriting.Runner.Images;

/// <summary>
/// Turns an image upright as its EXIF orientation asks. Phone cameras store photos sideways and
/// record the rotation only in EXIF; a "7" read sideways would be classified as something else.
/// </summary>
internal static class ImageOrientation
{
    public static LuminanceImage Upright(LuminanceImage stored, SKEncodedOrigin origin)
    {
        int w = stored.Width, h = stored.Height;
        bool swapsSides = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        if (origin is SKEncodedOrigin.TopLeft || !Enum.IsDefined(origin))
        {
            return stored;
        }

        int width = swapsSides ? h : w, height = swapsSides ? w : h;
        float[] upright = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // Where displayed pixel (x, y) is stored, per the EXIF definition of each orientation.
                (int sx, int sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
                    _ => (x, y),
                };
                upright[(y * width) + x] = stored.Luminance[(sy * w) + sx];
            }
        }

        return new LuminanceImage(width, height, upright);
    }
}
