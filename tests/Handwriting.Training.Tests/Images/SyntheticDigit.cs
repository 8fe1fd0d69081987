namespace Handwriting.Training.Tests.Images;

/// <summary>Anti-aliased pen strokes on a plain page, drawn in plain C#: a stand-in for a scanned digit.</summary>
internal static class SyntheticDigit
{
    /// <summary>
    /// A "7" drawn with a pen of the given width from (left, top), its box 40 x 60 pixels, on a page
    /// of <paramref name="paper"/> luminance with strokes of <paramref name="pen"/> luminance.
    /// </summary>
    public static float[] Seven(int width, int height, float left, float top, float paper = 1f, float pen = 0f, float penWidth = 6f) =>
        Strokes(width, height, paper, pen, penWidth,
            [(left, top, left + 40, top), (left + 40, top, left + 12, top + 60)]);

    public static float[] Strokes(int width, int height, float paper, float pen, float penWidth,
        IReadOnlyList<(float X0, float Y0, float X1, float Y1)> segments)
    {
        float[] luminance = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float distance = segments.Min(s => Distance(x + 0.5f, y + 0.5f, s));
                float coverage = Math.Clamp((penWidth / 2) + 0.5f - distance, 0f, 1f);
                luminance[(y * width) + x] = paper + ((pen - paper) * coverage);
            }
        }

        return luminance;
    }

    public static float[] Filled(int width, int height, float value) => Enumerable.Repeat(value, width * height).ToArray();

    private static float Distance(float x, float y, (float X0, float Y0, float X1, float Y1) s)
    {
        float dx = s.X1 - s.X0, dy = s.Y1 - s.Y0;
        float t = Math.Clamp((((x - s.X0) * dx) + ((y - s.Y0) * dy)) / ((dx * dx) + (dy * dy)), 0f, 1f);
        float px = s.X0 + (t * dx) - x, py = s.Y0 + (t * dy) - y;
        return MathF.Sqrt((px * px) + (py * py));
    }
}
