using SkiaSharp;

namespace Handwriting.ServeLoad;

/// <summary>The images uploaded: a drawn digit the size of the page's pad, and large photos of one.</summary>
internal static class Uploads
{
    /// <summary>A 280 x 280 PNG of a black 7 on white, what the page posts.</summary>
    public static byte[] PadSeven() => Seven(280, 280, SKEncodedImageFormat.Png);

    /// <summary>A JPEG of a 7 drawn across a <paramref name="side"/> x <paramref name="side"/> page, with a little grain so that it is not trivially flat.</summary>
    public static byte[] PhotoSeven(int side) => Seven(side, side, SKEncodedImageFormat.Jpeg);

    private static byte[] Seven(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(236, 236, 230));
            float unit = Math.Min(width, height) / 10f;
            using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = unit * 0.7f, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
            canvas.DrawLine(unit * 2.5f, unit * 2, unit * 7.5f, unit * 2, pen);
            canvas.DrawLine(unit * 7.5f, unit * 2, unit * 4, unit * 8.5f, pen);
        }

        using SKData data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
