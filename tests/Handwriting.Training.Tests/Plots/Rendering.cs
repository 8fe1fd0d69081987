using ScottPlot;
using SkiaSharp;

namespace Handwriting.Training.Tests.Plots;

/// <summary>
/// Renders plots to bitmaps and compares them. Text is checked by rendering a plot twice, once
/// with a piece of text made transparent: the layout stays the same, so the pixels that differ are
/// exactly the pixels of that text. Where no font is found, ScottPlot draws no text and none differ.
/// </summary>
internal static class Rendering
{
    public static SKBitmap Render(Plot plot, int width, int height)
    {
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        return SKBitmap.Decode(png) ?? throw new InvalidOperationException("ScottPlot's PNG did not decode");
    }

    /// <summary>Pixels inside <paramref name="region"/> (the whole image if null) whose colours differ noticeably.</summary>
    public static int DifferingPixels(SKBitmap a, SKBitmap b, PixelRect? region = null)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        (int left, int top, int right, int bottom) = Bounds(a, region);
        int differing = 0;
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                SKColor p = a.GetPixel(x, y), q = b.GetPixel(x, y);
                if (Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue) > 60)
                {
                    differing++;
                }
            }
        }

        return differing;
    }

    /// <summary>Pixels inside <paramref name="region"/> that match <paramref name="test"/>.</summary>
    public static int CountPixels(SKBitmap image, Func<SKColor, bool> test, PixelRect? region = null)
    {
        (int left, int top, int right, int bottom) = Bounds(image, region);
        int count = 0;
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                count += test(image.GetPixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }

    public static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 80 && c.Blue < 80;

    /// <summary>The part of the figure above the data area, where the title is.</summary>
    public static PixelRect TitleBand(Plot plot) => new(0, plot.LastRender.FigureRect.Right, plot.LastRender.DataRect.Top, 0);

    /// <summary>The part of the figure below the data area: tick labels and the x label.</summary>
    public static PixelRect BottomBand(Plot plot) =>
        new(0, plot.LastRender.FigureRect.Right, plot.LastRender.FigureRect.Bottom, plot.LastRender.DataRect.Bottom + 1);

    /// <summary>The part of the figure left of the data area: tick labels and the y label.</summary>
    public static PixelRect LeftBand(Plot plot) =>
        new(0, plot.LastRender.DataRect.Left - 1, plot.LastRender.FigureRect.Bottom, 0);

    private static (int Left, int Top, int Right, int Bottom) Bounds(SKBitmap image, PixelRect? region)
    {
        PixelRect r = region ?? new PixelRect(0, image.Width, image.Height, 0);
        return (Math.Max(0, (int)r.Left), Math.Max(0, (int)r.Top), Math.Min(image.Width, (int)r.Right), Math.Min(image.Height, (int)r.Bottom));
    }
}
