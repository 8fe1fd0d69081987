using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>How one generated digit is drawn.</summary>
/// <param name="Digit">0..9.</param>
/// <param name="Slant">Degrees the digit leans, positive to the right (its top moves right).</param>
/// <param name="PenWidth">Stroke width as a share of the digit's height: 0.03 a pencil, 0.2 a thick marker.</param>
/// <param name="Size">The digit's height as a share of the canvas side.</param>
/// <param name="OffCentre">Whether the digit is pushed towards a random corner of the canvas.</param>
/// <param name="LightOnDark">Light ink on a dark board instead of dark ink on paper.</param>
/// <param name="Seed">Draws the wobble of the strokes and the position.</param>
internal sealed record DigitStyle(int Digit, double Slant, double PenWidth, double Size, bool OffCentre, bool LightOnDark, int Seed);

/// <summary>
/// Digits as people write them, rendered with SkiaSharp: one stroke template per digit (lines,
/// curves and ovals in a 60 x 100 design box), wobbled a little per image, then slanted, scaled and
/// placed on the canvas and drawn with a round pen. The same <see cref="DigitStyle"/> gives the
/// same pixels.
/// </summary>
internal static class HandDrawnDigits
{
    public const int Canvas = 128;

    /// <summary>Design box of every template: 60 wide, 100 tall, y down.</summary>
    private const float BoxWidth = 60, BoxHeight = 100;

    /// <summary>
    /// Every slant (-30..30 degrees in 10s) x pen width (4) x size (3) of every digit, each drawn
    /// <paramref name="repeats"/> times with its own wobble, position and polarity from
    /// <paramref name="seed"/> (one in six light on dark): 840 styles a repeat.
    /// </summary>
    public static IReadOnlyList<DigitStyle> Survey(int seed, int repeats)
    {
        var random = new Random(seed);
        var styles = new List<DigitStyle>();
        foreach (int digit in Enumerable.Range(0, 10))
        {
            foreach (double slant in new[] { -30.0, -20, -10, 0, 10, 20, 30 })
            {
                foreach (double pen in new[] { 0.03, 0.08, 0.14, 0.2 })
                {
                    foreach (double size in new[] { 0.3, 0.55, 0.85 })
                    {
                        for (int repeat = 0; repeat < repeats; repeat++)
                        {
                            styles.Add(new DigitStyle(digit, slant, pen, size, random.Next(2) == 1, random.Next(6) == 0, random.Next()));
                        }
                    }
                }
            }
        }

        return styles;
    }

    /// <summary>The digit as a <see cref="Canvas"/> x <see cref="Canvas"/> bitmap.</summary>
    public static SKBitmap Render(DigitStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        var random = new Random(style.Seed);
        float Wobble(float value, float amount = 3f) => value + (float)(((random.NextDouble() * 2) - 1) * amount);

        using SKPath path = Template(style.Digit, Wobble);
        float scale = (float)(style.Size * Canvas / BoxHeight);
        float slant = (float)Math.Tan(style.Slant * Math.PI / 180);

        // The slanted digit's width, so that an off-centre digit still fits on the canvas.
        float width = (BoxWidth + (Math.Abs(slant) * BoxHeight)) * scale;
        float height = BoxHeight * scale;
        float roomX = Math.Max(0, (Canvas - width) / 2), roomY = Math.Max(0, (Canvas - height) / 2);
        float centreX = Canvas / 2f, centreY = Canvas / 2f;
        if (style.OffCentre)
        {
            centreX += (random.Next(2) == 0 ? -1 : 1) * roomX * (float)(0.6 + (0.4 * random.NextDouble()));
            centreY += (random.Next(2) == 0 ? -1 : 1) * roomY * (float)(0.6 + (0.4 * random.NextDouble()));
        }

        var bitmap = new SKBitmap(new SKImageInfo(Canvas, Canvas, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(style.LightOnDark ? new SKColor(30, 30, 35) : new SKColor(250, 248, 240));
        canvas.Translate(centreX, centreY);
        canvas.Scale(scale);

        // y grows downwards, so a right lean moves the top (negative y) right: x' = x - tan * y.
        canvas.Concat(SKMatrix.CreateSkew(-slant, 0));
        canvas.Translate(-BoxWidth / 2, -BoxHeight / 2);
        using var pen = new SKPaint
        {
            Color = style.LightOnDark ? new SKColor(240, 240, 230) : new SKColor(20, 20, 60),
            StrokeWidth = (float)(style.PenWidth * BoxHeight),
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeCap = SKStrokeCap.Round,
            StrokeJoin = SKStrokeJoin.Round,
        };
        canvas.DrawPath(path, pen);
        return bitmap;
    }

    /// <summary>Writes the digit as a PNG file.</summary>
    public static void Save(DigitStyle style, string path)
    {
        using SKBitmap bitmap = Render(style);
        File.WriteAllBytes(path, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
    }

    /// <summary>The strokes of one digit in the 60 x 100 box, every point passed through <paramref name="w"/> (a wobble).</summary>
    internal static SKPath Template(int digit, Func<float, float, float> w)
    {
        var path = new SKPath();
        SKPoint P(float x, float y) => new(w(x, 4f), w(y, 4f));
        void Line(params SKPoint[] points)
        {
            path.MoveTo(points[0]);
            foreach (SKPoint point in points.Skip(1))
            {
                path.LineTo(point);
            }
        }

        void Oval(float left, float top, float right, float bottom) =>
            path.AddOval(new SKRect(w(left, 3f), w(top, 3f), w(right, 3f), w(bottom, 3f)));

        switch (digit)
        {
            case 0:
                Oval(5, 5, 55, 95);
                break;
            case 1:
                Line(P(16, 20), P(32, 5), P(32, 95));
                break;
            case 2:
                path.MoveTo(P(6, 28));
                path.CubicTo(P(8, -4), P(58, -2), P(52, 30));
                path.CubicTo(P(48, 52), P(20, 70), P(5, 95));
                path.LineTo(P(56, 95));
                break;
            case 3:
                path.MoveTo(P(8, 14));
                path.CubicTo(P(25, -4), P(60, 4), P(50, 28));
                path.CubicTo(P(44, 42), P(30, 46), P(24, 47));
                path.CubicTo(P(62, 48), P(62, 92), P(32, 95));
                path.CubicTo(P(20, 96), P(10, 92), P(5, 84));
                break;
            case 4:
                Line(P(44, 95), P(44, 5), P(5, 66), P(58, 66));
                break;
            case 5:
                Line(P(52, 5), P(14, 5), P(10, 44));
                path.CubicTo(P(40, 30), P(62, 50), P(52, 76));
                path.CubicTo(P(44, 98), P(14, 98), P(5, 84));
                break;
            case 6:
                path.MoveTo(P(48, 6));
                path.CubicTo(P(22, 8), P(6, 36), P(8, 70));
                Oval(8, 50, 52, 95);
                break;
            case 7:
                Line(P(5, 6), P(56, 6), P(24, 95));
                break;
            case 8:
                Oval(12, 5, 48, 48);
                Oval(7, 48, 53, 95);
                break;
            case 9:
                Oval(8, 5, 52, 50);
                path.MoveTo(P(52, 26));
                path.CubicTo(P(52, 50), P(50, 75), P(46, 95));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(digit), digit, "a digit is 0..9");
        }

        return path;
    }
}
