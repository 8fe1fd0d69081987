using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>
/// One made-up writer: which of the common alternative shapes they use for each digit, how wide
/// and how slanted they write, and how unsteady their hand is. Drawn from a seed, so a writer is
/// the same in every image. The alternatives are the ones that differ between people and between
/// schools: a 1 as a bare bar, with a flag, or with a flag and a base; a 7 with or without a bar;
/// a 4 open or closed; a 9 with a straight or a hooked tail; a 2 round or like a z; a 3 round
/// or flat-topped; a 6 curved or with a straight stem; an 8 as two ovals or one looping stroke.
/// </summary>
internal sealed record WriterHand(int Seed, int[] Variants, double WidthFactor, double Slant, double Wobble)
{
    /// <summary>How many shapes each digit comes in, 0..9.</summary>
    public static readonly int[] VariantCounts = [1, 3, 2, 2, 2, 1, 2, 3, 2, 3];

    public static WriterHand Draw(int seed)
    {
        var random = new Random(seed);
        int[] variants = VariantCounts.Select(count => random.Next(count)).ToArray();
        return new WriterHand(seed, variants, 0.55 + (0.5 * random.NextDouble()), -10 + (30 * random.NextDouble()), 1.5 + (4 * random.NextDouble()));
    }

    /// <summary>The strokes of <paramref name="digit"/> in this hand, in the templates' 60 x 100 box, slant and width not yet applied.</summary>
    public SKPath Template(int digit, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double wobble = Wobble;
        float W(float value, float amount) => value + (float)(((random.NextDouble() * 2) - 1) * amount * wobble / 4);
        SKPoint P(float x, float y) => new(W(x, 4f), W(y, 4f));
        int variant = Variants[digit];
        var path = new SKPath();
        void Line(params SKPoint[] points)
        {
            path.MoveTo(points[0]);
            foreach (SKPoint point in points.Skip(1))
            {
                path.LineTo(point);
            }
        }

        switch (digit, variant)
        {
            case (1, 0):
                Line(P(30, 5), P(30, 95));
                return path;
            case (1, 2):
                Line(P(16, 20), P(32, 5), P(32, 95));
                Line(P(16, 95), P(48, 95));
                return path;
            case (2, 1):
                path.MoveTo(P(8, 20));
                path.CubicTo(P(20, 0), P(55, 0), P(50, 28));
                Line(path.LastPoint, P(6, 95), P(56, 93));
                return path;
            case (3, 1):
                Line(P(6, 5), P(52, 5), P(26, 42));
                path.CubicTo(P(64, 42), P(62, 95), P(30, 95));
                path.CubicTo(P(18, 96), P(8, 90), P(4, 82));
                return path;
            case (4, 1):
                Line(P(12, 5), P(6, 62), P(56, 62));
                Line(P(44, 30), P(44, 95));
                return path;
            case (6, 1):
                Line(P(42, 5), P(12, 62));
                path.AddOval(new SKRect(W(8, 3), W(50, 3), W(52, 3), W(95, 3)));
                return path;
            case (7, 1):
                Line(P(5, 6), P(56, 6), P(24, 95));
                Line(P(18, 52), P(52, 50));
                return path;
            case (7, 2):
                Line(P(5, 20), P(5, 6), P(56, 6), P(24, 95));
                return path;
            case (8, 1):
                path.MoveTo(P(50, 14));
                path.CubicTo(P(40, -4), P(6, 2), P(12, 26));
                path.CubicTo(P(18, 44), P(58, 52), P(54, 76));
                path.CubicTo(P(50, 100), P(6, 100), P(6, 76));
                path.CubicTo(P(6, 56), P(46, 42), P(50, 14));
                return path;
            case (9, 1):
                path.AddOval(new SKRect(W(8, 3), W(5, 3), W(52, 3), W(50, 3)));
                Line(P(52, 26), P(52, 95));
                return path;
            case (9, 2):
                path.AddOval(new SKRect(W(8, 3), W(5, 3), W(52, 3), W(50, 3)));
                path.MoveTo(P(52, 26));
                path.CubicTo(P(54, 70), P(40, 98), P(12, 90));
                return path;
            default:
                path.Dispose();
                return HandDrawnDigits.Template(digit, W);
        }
    }
}
