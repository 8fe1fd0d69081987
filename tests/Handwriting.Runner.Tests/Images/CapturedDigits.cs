using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>Where a captured digit's shape comes from.</summary>
public enum DigitSource
{
    /// <summary>A glyph of one of the <see cref="HandwritingFonts"/>.</summary>
    Font,

    /// <summary>The one-hand stroke templates of <see cref="HandDrawnDigits"/>, slanted.</summary>
    Template,

    /// <summary>The strokes of a made-up <see cref="WriterHand"/>: alternative shapes, width, slant, unsteadiness.</summary>
    Writer,
}

/// <summary>How one digit of the development set is made and degraded.</summary>
/// <param name="Digit">0..9.</param>
/// <param name="Source">Where the shape comes from.</param>
/// <param name="Hand">The font's file name or the writer's seed; "template" for the templates.</param>
/// <param name="Resolution">The side in pixels of the frame the digit was captured at before it was enlarged (8, 12, 16), or 0 for a capture at the page's own resolution.</param>
/// <param name="Pen">0 thin, 1 medium, 2 thick: <see cref="CapturedDigits.PenShares"/>.</param>
/// <param name="Blur">Gaussian blur of the page, its sigma in page pixels.</param>
/// <param name="JpegQuality">JPEG quality the file is saved at, or 0 for PNG.</param>
/// <param name="UnevenLight">A shadow across the page: brightness falls by a quarter to a half from one side to the other.</param>
/// <param name="OffCentre">The digit sits in a smaller frame somewhere on the page instead of filling its middle.</param>
/// <param name="DarkPage">Light chalk on a dark board instead of dark ink on paper.</param>
/// <param name="Seed">Draws the wobble, the slant, the placement, the levels and the noise.</param>
internal sealed record CapturedDigit(
    int Digit, DigitSource Source, string Hand, int Resolution, int Pen, double Blur, int JpegQuality, bool UnevenLight, bool OffCentre, bool DarkPage, int Seed);

/// <summary>
/// A development set that is not one hand: digits from handwriting fonts, from the survey's stroke
/// templates and from made-up writers with alternative shapes, each degraded the ways real
/// captures are (a coarse capture enlarged, a thin or thick pen, blur, JPEG, uneven light, an
/// off-centre frame, a light or a dark page). Everything is drawn from one seed; the same
/// <see cref="CapturedDigit"/> always gives the same file bytes.
/// </summary>
internal static class CapturedDigits
{
    /// <summary>The page every digit is delivered on, Page x Page pixels.</summary>
    public const int Page = 112;

    /// <summary>Coarse capture sides, and 0 for full resolution: drawn with equal odds.</summary>
    public static readonly int[] Resolutions = [0, 16, 12, 8];

    /// <summary>Pen width as a share of the digit's height (for fonts, what the pen adds to the glyph's own weight).</summary>
    public static readonly double[] PenShares = [0.05, 0.10, 0.17];

    public static readonly double[] Blurs = [0, 1.0, 2.5];

    public static readonly int[] JpegQualities = [0, 80, 40];

    public const int FontRepeats = 3, TemplateRepeats = 30, Writers = 40, WriterRepeats = 2;

    /// <summary>
    /// The whole set: each font's ten digits <see cref="FontRepeats"/> times, each template digit
    /// <see cref="TemplateRepeats"/> times, and <see cref="Writers"/> writers' ten digits
    /// <see cref="WriterRepeats"/> times, each with its degradations drawn independently.
    /// </summary>
    public static IReadOnlyList<CapturedDigit> Set(int seed)
    {
        var random = new Random(seed);
        var set = new List<CapturedDigit>();
        void Add(int digit, DigitSource source, string hand) => set.Add(new CapturedDigit(
            digit,
            source,
            hand,
            Resolutions[random.Next(Resolutions.Length)],
            random.Next(PenShares.Length),
            Blurs[random.Next(Blurs.Length)],
            JpegQualities[random.Next(JpegQualities.Length)],
            random.Next(2) == 1,
            random.Next(2) == 1,
            random.Next(6) == 0,
            random.Next()));

        foreach (HandwritingFont font in HandwritingFonts.All)
        {
            for (int repeat = 0; repeat < FontRepeats; repeat++)
            {
                foreach (int digit in Enumerable.Range(0, 10))
                {
                    Add(digit, DigitSource.Font, font.Name);
                }
            }
        }

        for (int repeat = 0; repeat < TemplateRepeats; repeat++)
        {
            foreach (int digit in Enumerable.Range(0, 10))
            {
                Add(digit, DigitSource.Template, "template");
            }
        }

        for (int writer = 0; writer < Writers; writer++)
        {
            int writerSeed = random.Next();
            for (int repeat = 0; repeat < WriterRepeats; repeat++)
            {
                foreach (int digit in Enumerable.Range(0, 10))
                {
                    Add(digit, DigitSource.Writer, writerSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return set;
    }

    /// <summary>The file's extension and bytes: a JPEG at the digit's quality, or a PNG.</summary>
    public static (string Extension, byte[] Bytes) Encode(CapturedDigit digit)
    {
        ArgumentNullException.ThrowIfNull(digit);
        using SKBitmap page = Render(digit);
        return digit.JpegQuality > 0
            ? (".jpg", TestImages.Encode(page, SKEncodedImageFormat.Jpeg, digit.JpegQuality))
            : (".png", TestImages.Encode(page, SKEncodedImageFormat.Png));
    }

    /// <summary>The page as an RGBA bitmap, before any file encoding.</summary>
    public static SKBitmap Render(CapturedDigit digit)
    {
        ArgumentNullException.ThrowIfNull(digit);
        var random = new Random(digit.Seed);
        using SKPath shape = Shape(digit, random);
        bool filled = digit.Source == DigitSource.Font;

        // The frame the digit is captured in: the whole page, or a smaller square somewhere on it.
        int frame = digit.OffCentre ? random.Next(Page / 2, (3 * Page / 4) + 1) : Page;
        int frameX = digit.OffCentre ? random.Next(Page - frame + 1) : 0;
        int frameY = digit.OffCentre ? random.Next(Page - frame + 1) : 0;
        double heightShare = 0.6 + (0.3 * random.NextDouble());

        int capture = digit.Resolution > 0 ? digit.Resolution : frame;
        float[] captured = Rasterise(shape, filled, capture, heightShare, PenShares[digit.Pen], random);
        float[] framed = capture == frame ? captured : Enlarge(captured, capture, frame);

        float[] ink = new float[Page * Page];
        for (int y = 0; y < frame; y++)
        {
            framed.AsSpan(y * frame, frame).CopyTo(ink.AsSpan(((frameY + y) * Page) + frameX));
        }

        if (digit.Blur > 0)
        {
            ink = GaussianBlur(ink, Page, digit.Blur);
        }

        return Compose(ink, digit, random);
    }

    /// <summary>The digit's outline (fonts) or strokes (templates, writers), slanted and narrowed as its hand writes.</summary>
    private static SKPath Shape(CapturedDigit digit, Random random)
    {
        switch (digit.Source)
        {
            case DigitSource.Font:
                return HandwritingFonts.Outline(HandwritingFonts.All.First(font => font.Name == digit.Hand), digit.Digit);
            case DigitSource.Template:
            {
                SKPath path = HandDrawnDigits.Template(digit.Digit, (value, amount) => value + (float)(((random.NextDouble() * 2) - 1) * amount));
                path.Transform(SKMatrix.CreateSkew(-(float)Math.Tan((-20 + (40 * random.NextDouble())) * Math.PI / 180), 0));
                return path;
            }

            default:
            {
                var hand = WriterHand.Draw(int.Parse(digit.Hand, System.Globalization.CultureInfo.InvariantCulture));
                SKPath path = hand.Template(digit.Digit, random);
                path.Transform(SKMatrix.CreateScale((float)hand.WidthFactor, 1));
                path.Transform(SKMatrix.CreateSkew(-(float)Math.Tan(hand.Slant * Math.PI / 180), 0));
                return path;
            }
        }
    }

    /// <summary>
    /// The shape drawn white on black, antialiased (so each pixel holds the share of it the ink
    /// covers), <paramref name="heightShare"/> of a side x side frame tall (less if it would be too
    /// wide), near the frame's centre. Ink is in [0, 1].
    /// </summary>
    private static float[] Rasterise(SKPath shape, bool filled, int side, double heightShare, double penShare, Random random)
    {
        SKRect bounds = shape.TightBounds;
        float height = (float)(heightShare * side);
        float pen = (float)(penShare * height);
        float scale = Math.Min(height / Math.Max(bounds.Height, 1e-3f), ((0.95f * side) - pen) / Math.Max(bounds.Width, 1e-3f));
        float jitterX = (float)((random.NextDouble() - 0.5) * 0.1 * side), jitterY = (float)((random.NextDouble() - 0.5) * 0.1 * side);

        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            canvas.Translate((side / 2f) + jitterX, (side / 2f) + jitterY);
            canvas.Scale(scale);
            canvas.Translate(-bounds.MidX, -bounds.MidY);
            // A font's glyph already has its own weight: the thin pen adds nothing to it, the others
            // what they exceed the thin pen by.
            float stroke = filled ? pen - (float)(PenShares[0] * height) : pen;
            using var paint = new SKPaint
            {
                Color = SKColors.White,
                IsAntialias = true,
                Style = filled ? (stroke > 0 ? SKPaintStyle.StrokeAndFill : SKPaintStyle.Fill) : SKPaintStyle.Stroke,
                StrokeWidth = stroke / scale,
                StrokeCap = SKStrokeCap.Round,
                StrokeJoin = SKStrokeJoin.Round,
            };
            canvas.DrawPath(shape, paint);
        }

        byte[] bytes = bitmap.Bytes;
        return bytes.Select(b => b / 255f).ToArray();
    }

    /// <summary>Bilinear enlargement from side `from` to side `to`, pixel centres aligned, edges clamped: what scanners' and viewers' zoom does.</summary>
    private static float[] Enlarge(float[] image, int from, int to)
    {
        float[] large = new float[to * to];
        double ratio = (double)from / to;
        for (int y = 0; y < to; y++)
        {
            double sy = Math.Clamp(((y + 0.5) * ratio) - 0.5, 0, from - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, from - 1);
            double ay = sy - y0;
            for (int x = 0; x < to; x++)
            {
                double sx = Math.Clamp(((x + 0.5) * ratio) - 0.5, 0, from - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, from - 1);
                double ax = sx - x0;
                double top = (image[(y0 * from) + x0] * (1 - ax)) + (image[(y0 * from) + x1] * ax);
                double bottom = (image[(y1 * from) + x0] * (1 - ax)) + (image[(y1 * from) + x1] * ax);
                large[(y * to) + x] = (float)((top * (1 - ay)) + (bottom * ay));
            }
        }

        return large;
    }

    /// <summary>A separable Gaussian blur over three sigmas, outside the image counting as no ink.</summary>
    private static float[] GaussianBlur(float[] image, int side, double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        double[] kernel = Enumerable.Range(-radius, (2 * radius) + 1).Select(k => Math.Exp(-k * k / (2 * sigma * sigma))).ToArray();
        double total = kernel.Sum();
        float[] Pass(float[] source, bool alongX)
        {
            float[] target = new float[source.Length];
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    double sum = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        int sx = alongX ? x + k : x, sy = alongX ? y : y + k;
                        if (sx >= 0 && sx < side && sy >= 0 && sy < side)
                        {
                            sum += kernel[k + radius] * source[(sy * side) + sx];
                        }
                    }

                    target[(y * side) + x] = (float)(sum / total);
                }
            }

            return target;
        }

        return Pass(Pass(image, alongX: true), alongX: false);
    }

    /// <summary>Ink and page levels, an optional shadow across the page, and a little sensor noise, as an RGBA bitmap.</summary>
    private static SKBitmap Compose(float[] ink, CapturedDigit digit, Random random)
    {
        double paper = digit.DarkPage ? 0.08 + (0.12 * random.NextDouble()) : 0.82 + (0.16 * random.NextDouble());
        double stroke = digit.DarkPage ? 0.75 + (0.2 * random.NextDouble()) : 0.05 + (0.3 * random.NextDouble());
        double angle = random.NextDouble() * 2 * Math.PI;
        double shadow = digit.UnevenLight ? 0.25 + (0.25 * random.NextDouble()) : 0;
        var bitmap = new SKBitmap(new SKImageInfo(Page, Page, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < Page; y++)
        {
            for (int x = 0; x < Page; x++)
            {
                // 0 on the lit side of the page, 1 on the shaded side.
                double across = 0.5 + ((((x - (Page / 2.0)) * Math.Cos(angle)) + ((y - (Page / 2.0)) * Math.Sin(angle))) / (Page * Math.Sqrt(2)));
                double light = 1 - (shadow * across);
                double noise = ((random.NextDouble() + random.NextDouble() + random.NextDouble()) - 1.5) * 0.03;
                double level = ((paper + ((stroke - paper) * ink[(y * Page) + x])) * light) + noise;
                byte grey = (byte)Math.Clamp(Math.Round(level * 255), 0, 255);
                bitmap.SetPixel(x, y, new SKColor(grey, grey, (byte)Math.Clamp(grey - 8, 0, 255)));
            }
        }

        return bitmap;
    }
}
