namespace Handwriting.Runner.Images;

/// <summary>A grayscale image: row-major luminance in [0, 1], 0 black and 1 white.</summary>
public sealed record LuminanceImage(int Width, int Height, float[] Luminance)
{
    /// <summary>
    /// Luminance of unpremultiplied RGBA8888 pixels, composited over white so that ink drawn on a
    /// transparent canvas reads as ink on paper. The weights are Rec. 601 luma, what PIL's
    /// convert("L") uses, which is how the Keras notebook's users load their digits.
    /// </summary>
    public static LuminanceImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        float[] luminance = new float[width * height];
        for (int i = 0; i < luminance.Length; i++)
        {
            ReadOnlySpan<byte> pixel = rgba.Slice(i * 4, 4);
            float luma = ((0.299f * pixel[0]) + (0.587f * pixel[1]) + (0.114f * pixel[2])) / 255f;
            float alpha = pixel[3] / 255f;
            luminance[i] = Math.Clamp((luma * alpha) + (1f - alpha), 0f, 1f);
        }

        return new LuminanceImage(width, height, luminance);
    }
}
