namespace Handwriting.Training.Images;

/// <summary>
/// How luminance maps to ink: MNIST digits are light ink (1) on a black background (0), so a light
/// background is inverted, the background level becomes 0 and the darkest stroke 1. Stretching to
/// the strongest stroke makes pencil on grey paper look like the digits the model was trained on.
/// </summary>
internal readonly record struct InkLevels(bool Inverted, float Background, float Peak)
{
    /// <summary>
    /// Below a tenth of the full range, an image is treated as blank: JPEG noise and paper texture
    /// on an empty page must not be stretched into a digit.
    /// </summary>
    public const float MinimumContrast = 0.1f;

    public bool HasInk => Peak - Background >= MinimumContrast;

    /// <summary>Ink of one pixel in [0, 1]; only meaningful when <see cref="HasInk"/>.</summary>
    public float Ink(float luminance)
    {
        float raw = Inverted ? 1f - luminance : luminance;
        return Math.Clamp((raw - Background) / (Peak - Background), 0f, 1f);
    }

    /// <summary>
    /// The border decides: its mean luminance above one half means a light background. Its median
    /// (rather than its mean) is the background level, so strokes that touch the border do not
    /// raise it.
    /// </summary>
    public static InkLevels Measure(float[] luminance, int width, int height)
    {
        float[] border = BorderPixels(luminance, width, height);
        bool inverted = border.Average() > 0.5f;
        for (int i = 0; i < border.Length; i++)
        {
            border[i] = inverted ? 1f - border[i] : border[i];
        }

        Array.Sort(border);
        float background = border[border.Length / 2];

        float peak = 0f;
        foreach (float value in luminance)
        {
            peak = Math.Max(peak, inverted ? 1f - value : value);
        }

        return new InkLevels(inverted, background, peak);
    }

    private static float[] BorderPixels(float[] luminance, int width, int height)
    {
        var border = new List<float>(2 * (width + height));
        for (int y = 0; y < height; y++)
        {
            bool edgeRow = y == 0 || y == height - 1;
            for (int x = 0; x < width; x += edgeRow || width == 1 ? 1 : width - 1)
            {
                border.Add(luminance[(y * width) + x]);
            }
        }

        return [.. border];
    }
}
