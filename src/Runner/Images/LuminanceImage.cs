using SkiaSharp;

namespace Handwriting.Runner.Images;

/// <summary>A grayscale image: row-major luminance in [0, 1], 0 black and 1 white.</summary>
public sealed record LuminanceImage(int Width, int Height, float[] Luminance)
{
    /// <summary>
    /// Luminance of unpremultiplied RGBA8888 pixels, composited over white so that ink drawn on a
    /// transparent canvas reads as ink on paper. The weights are Rec. 601 luma, what PIL's
    /// convert("L") uses, which is how the Keras notebook's users load their digits.
    /// </summary>
    public static LuminanceImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height) =>
        FromRgba(rgba, width, height, SKEncodedOrigin.TopLeft);

    /// <summary>
    /// As <see cref="FromRgba(ReadOnlySpan{byte}, int, int)"/>, turned upright as
    /// <paramref name="origin"/> (EXIF) asks while converting, so that a large photo needs one
    /// luminance array, not a second one for turning it.
    /// </summary>
    internal static LuminanceImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height, SKEncodedOrigin origin)
    {
        if (!Enum.IsDefined(origin))
        {
            origin = SKEncodedOrigin.TopLeft;
        }

        bool swaps = ImageOrientation.SwapsSides(origin);
        int shownWidth = swaps ? height : width, shownHeight = swaps ? width : height;
        float[] luminance = new float[shownWidth * shownHeight];
        if (origin is SKEncodedOrigin.TopLeft)
        {
            for (int i = 0; i < luminance.Length; i++)
            {
                luminance[i] = Luma(rgba.Slice(i * 4, 4));
            }

            return new LuminanceImage(width, height, luminance);
        }

        for (int y = 0; y < shownHeight; y++)
        {
            for (int x = 0; x < shownWidth; x++)
            {
                (int sx, int sy) = ImageOrientation.Stored(origin, x, y, width, height);
                luminance[(y * shownWidth) + x] = Luma(rgba.Slice(((sy * width) + sx) * 4, 4));
            }
        }

        return new LuminanceImage(shownWidth, shownHeight, luminance);
    }

    private static float Luma(ReadOnlySpan<byte> pixel)
    {
        float luma = ((0.299f * pixel[0]) + (0.587f * pixel[1]) + (0.114f * pixel[2])) / 255f;
        float alpha = pixel[3] / 255f;
        return Math.Clamp((luma * alpha) + (1f - alpha), 0f, 1f);
    }
}
