using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Reference;

/// <summary>The augmentation's reference and draws on cases whose answer is known by hand.</summary>
public sealed class AugmentReferenceTests
{
    private static readonly Tolerance Rounding = new(1e-12, 0);

    /// <summary>
    /// A quarter turn reads output pixel (x, y) from source point c + R(-90)(p - c) = (y, side - 1 - x):
    /// whole pixels, so each output is one source pixel.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(28)]
    public void A_quarter_turn_permutes_the_pixels(int side)
    {
        int pixels = side * side;
        double[] image = RandomArrays.Widen(RandomArrays.Floats(new Random(side), pixels, 0f, 1f));
        var ranges = AugmentRanges.Identity with { RotationMinDegrees = 90f, RotationMaxDegrees = 90f };
        var turned = new double[pixels];
        AugmentReference.Run(image, [0], turned, 1, side, ranges, seed: 1, step: 1);

        var expected = new double[pixels];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                expected[(y * side) + x] = image[((side - 1 - x) * side) + y];
            }
        }

        Rounding.AssertClose(expected, turned, $"quarter turn of {side} x {side}");
    }

    /// <summary>Scale 2 about the centre of a 5-pixel image reads pixel x at 2 + (x - 2) / 2: half-way points are the mean of two neighbours.</summary>
    [Fact]
    public void Doubling_the_size_samples_half_way_between_pixels()
    {
        const int side = 5;
        double[] row = [0, 1, 4, 9, 16];
        double[] image = Enumerable.Range(0, side).SelectMany(_ => row).ToArray();
        var ranges = AugmentRanges.Identity with { ScaleMin = 2f, ScaleMax = 2f };
        var scaled = new double[side * side];
        AugmentReference.Run(image, [0], scaled, 1, side, ranges, seed: 1, step: 1);

        // Columns read x = 1, 1.5, 2, 2.5, 3; rows likewise, and every row of the image is the same.
        double[] expectedRow = [1, 2.5, 4, 6.5, 9];
        Rounding.AssertClose(expectedRow, scaled.AsSpan(2 * side, side).ToArray(), "middle row scaled by 2");
        Rounding.AssertClose(expectedRow, scaled.AsSpan(0, side).ToArray(), "top row scaled by 2");
    }

    [Fact]
    public void Draws_cover_their_ranges_and_nothing_outside()
    {
        var ranges = AugmentRanges.Affine.WithElastic(2f);
        const int images = 4096;
        var shifts = new List<float>();
        var rotations = new List<float>();
        var scales = new List<float>();
        var elastic = new List<float>();
        for (int i = 0; i < images; i++)
        {
            shifts.Add(AugmentDraw.ShiftX(ranges, 3, 9, i));
            shifts.Add(AugmentDraw.ShiftY(ranges, 3, 9, i));
            rotations.Add(AugmentDraw.RotationDegrees(ranges, 3, 9, i));
            scales.Add(AugmentDraw.Scale(ranges, 3, 9, i));
            elastic.Add(AugmentDraw.ElasticDisplacement(ranges, 3, 9, i, i % 4, i / 4 % 4, i % 2));
        }

        AssertSpread(shifts, -2f, 2f, "shift");
        AssertSpread(rotations, -12f, 12f, "rotation");
        AssertSpread(scales, 0.9f, 1.1f, "scale");
        AssertSpread(elastic, -2f, 2f, "elastic displacement");
    }

    /// <summary>
    /// Each of an image's draws has its own hash index: two draws sharing one would be perfectly
    /// correlated, and the kernel-against-reference tests could not tell, since both call
    /// <see cref="AugmentDraw"/>. Over 4096 images independent draws correlate by about 1/64.
    /// </summary>
    [Fact]
    public void An_images_draws_are_uncorrelated()
    {
        var ranges = AugmentRanges.Affine.WithElastic(2f);
        const int images = 4096;
        var draws = new List<double[]>
        {
            Draws(images, r => AugmentDraw.ShiftX(ranges, 3, 9, r)),
            Draws(images, r => AugmentDraw.ShiftY(ranges, 3, 9, r)),
            Draws(images, r => AugmentDraw.RotationDegrees(ranges, 3, 9, r)),
            Draws(images, r => AugmentDraw.Scale(ranges, 3, 9, r)),
            Draws(images, r => AugmentDraw.ElasticDisplacement(ranges, 3, 9, r, 0, 0, 0)),
            Draws(images, r => AugmentDraw.ElasticDisplacement(ranges, 3, 9, r, 0, 0, 1)),
            Draws(images, r => AugmentDraw.ElasticDisplacement(ranges, 3, 9, r, 3, 3, 1)),
            Draws(images, r => AugmentDraw.ShiftX(ranges, 3, 10, r)), // the next step
        };

        for (int a = 0; a < draws.Count; a++)
        {
            for (int b = a + 1; b < draws.Count; b++)
            {
                double correlation = Correlation(draws[a], draws[b]);
                Assert.True(Math.Abs(correlation) < 0.08, $"draws {a} and {b} correlate by {correlation:F3}");
            }
        }
    }

    private static double[] Draws(int count, Func<int, float> draw) => Enumerable.Range(0, count).Select(r => (double)draw(r)).ToArray();

    private static double Correlation(double[] x, double[] y)
    {
        double meanX = x.Average();
        double meanY = y.Average();
        double covariance = x.Zip(y, (a, b) => (a - meanX) * (b - meanY)).Sum();
        double varianceX = x.Sum(a => (a - meanX) * (a - meanX));
        double varianceY = y.Sum(b => (b - meanY) * (b - meanY));
        return covariance / Math.Sqrt(varianceX * varianceY);
    }

    /// <summary>The pen alone (every image, k fixed) maps each value by its level curve: 0.25 to 0.5 at k = 0.5, 0.75 to 0.5 at k = -0.5.</summary>
    [Theory]
    [InlineData(0.5f, 0.25, 0.5)]
    [InlineData(0.5f, 0.6, 1.0)]
    [InlineData(-0.5f, 0.75, 0.5)]
    [InlineData(-0.5f, 0.4, 0.0)]
    public void The_pen_shifts_the_ink_level(float level, double value, double expected)
    {
        const int side = 5;
        var ranges = AugmentRanges.Identity.WithCapture(new CaptureRanges(0f, 8f, 8f, 0f, 0f, 1f, level, level));
        var penned = new double[side * side];
        AugmentReference.Run(Enumerable.Repeat(value, side * side).ToArray(), [0], penned, 1, side, ranges, seed: 1, step: 1);

        Rounding.AssertClose(Enumerable.Repeat(expected, side * side).ToArray(), penned, $"pen {level} on {value}");
    }

    /// <summary>
    /// Blur and the coarse grid average with weights that sum to 1: an evenly inked page stays
    /// even wherever every tap falls inside it (eight pixels from the edge: a pixel reads the cells
    /// up to 4 pixels away, 28 / 7, whose filter reaches 2.2 pixels further, plus a pixel of bilinear reach).
    /// </summary>
    [Fact]
    public void Blur_and_coarse_capture_keep_an_even_page_even()
    {
        const int side = 28;
        var ranges = AugmentRanges.Identity.WithCapture(new CaptureRanges(1f, 7f, 9f, 1f, 1.5f, 0f, 0f, 0f));
        var captured = new double[4 * side * side];
        AugmentReference.Run(Enumerable.Repeat(0.5, side * side).ToArray(), [0, 0, 0, 0], captured, 4, side, ranges, seed: 3, step: 2);

        for (int r = 0; r < 4; r++)
        {
            for (int y = 8; y < side - 8; y++)
            {
                for (int x = 8; x < side - 8; x++)
                {
                    Assert.Equal(0.5, captured[(r * side * side) + (y * side) + x], 12);
                }
            }
        }
    }

    /// <summary>A single lit pixel captured on a coarse grid spreads over its neighbours and keeps roughly its ink (a cell's average, enlarged back).</summary>
    [Fact]
    public void A_coarse_capture_spreads_a_dot_over_a_cell()
    {
        const int side = 28;
        var image = new double[side * side];
        image[(14 * side) + 14] = 1;
        var ranges = AugmentRanges.Identity.WithCapture(new CaptureRanges(1f, 7f, 7f, 0f, 0f, 0f, 0f, 0f));
        var captured = new double[side * side];
        AugmentReference.Run(image, [0], captured, 1, side, ranges, seed: 5, step: 1);

        Assert.True(captured[(14 * side) + 14] < 0.5, $"the dot kept {captured[(14 * side) + 14]:F3}");
        Assert.True(captured.Count(v => v > 0) >= 9, "the dot did not spread");
        Assert.InRange(captured.Sum(), 0.5, 1.5);
    }

    [Fact]
    public void Capture_draws_follow_their_chances_and_ranges()
    {
        var ranges = AugmentRanges.Affine.WithCapture(CaptureRanges.Captures);
        const int images = 4096;
        int coarse = Enumerable.Range(0, images).Count(r => AugmentDraw.Coarse(ranges, 9, 4, r));
        double[] spreads = Draws(images, r => AugmentDraw.BlurSpread(ranges, 9, 4, r));
        double[] levels = Draws(images, r => AugmentDraw.PenLevel(ranges, 9, 4, r));
        double[] cells = Draws(images, r => AugmentDraw.CoarseCells(ranges, 9, 4, r));

        Assert.InRange(coarse, images * 0.45, images * 0.55);
        Assert.InRange(spreads.Count(s => s == 0), images * 0.45, images * 0.55);
        Assert.InRange(levels.Count(l => l == 0), images * 0.45, images * 0.55);
        Assert.All(spreads, s => Assert.InRange(s, 0, 1.5));
        Assert.All(levels, l => Assert.InRange(l, -0.3, 0.7));
        Assert.All(cells, c => Assert.InRange(c, 7, 20));
        Assert.True(Math.Abs(Correlation(spreads, levels)) < 0.08, "blur and pen draws correlate");
    }

    [Fact]
    public void Capture_ranges_report_their_faults()
    {
        Assert.Null(CaptureRanges.Captures.Fault());
        Assert.Null(default(CaptureRanges).Fault());
        Assert.False(default(CaptureRanges).Any);
        Assert.Contains("between 0 and 1", (CaptureRanges.Captures with { BlurChance = 1.5f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("between 0 and 1", (CaptureRanges.Captures with { PenChance = float.NaN }).Fault(), StringComparison.Ordinal);
        Assert.Contains("at least 4 cells", (CaptureRanges.Captures with { CoarseMinCells = 2f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("minimum above its maximum", (CaptureRanges.Captures with { CoarseMinCells = 30f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("between 0 and 4 pixels", (CaptureRanges.Captures with { BlurMaxSpread = 5f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("-0.9 and 0.9", (CaptureRanges.Captures with { PenMin = -1f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("finite", (CaptureRanges.Captures with { PenMax = float.PositiveInfinity }).Fault(), StringComparison.Ordinal);
        Assert.Contains("-0.9 and 0.9", AugmentRanges.Affine.WithCapture(CaptureRanges.Captures with { PenMax = 1f }).Fault(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ranges_report_their_first_fault()
    {
        Assert.Null(AugmentRanges.Affine.Fault());
        Assert.Null(AugmentRanges.Identity.Fault());
        Assert.Contains("at least 0.1", (AugmentRanges.Affine with { ScaleMin = 0f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("at least 0.1", (AugmentRanges.Affine with { ScaleMin = 1e-40f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("between 0 and 8", AugmentRanges.Affine.WithElastic(8.5f).Fault(), StringComparison.Ordinal);
        Assert.Null(AugmentRanges.Affine.WithElastic(AugmentRanges.MaxElastic).Fault());
        Assert.Contains("minimum above its maximum", (AugmentRanges.Affine with { ShiftMin = 3f }).Fault(), StringComparison.Ordinal);
        Assert.Contains("finite", (AugmentRanges.Affine with { RotationMaxDegrees = float.NaN }).Fault(), StringComparison.Ordinal);
        Assert.Contains("elastic", (AugmentRanges.Affine.WithElastic(-1f)).Fault(), StringComparison.Ordinal);
        Assert.Contains("elastic", AugmentRanges.Affine.WithElastic(float.NaN).ElasticFault(), StringComparison.Ordinal);
        Assert.Null(AugmentRanges.Affine.WithElastic(float.NaN).AffineFault());
    }

    /// <summary>Every draw inside [min, max), and the extremes within 1% of the width of the ends: uniform draws fill the interval.</summary>
    private static void AssertSpread(List<float> draws, float min, float max, string what)
    {
        Assert.All(draws, d => Assert.True(d >= min && d < max, $"{what} {d} is outside [{min}, {max})"));
        float slack = (max - min) * 0.01f;
        Assert.True(draws.Min() < min + slack, $"the smallest {what} is {draws.Min()}, not near {min}");
        Assert.True(draws.Max() > max - slack, $"the largest {what} is {draws.Max()}, not near {max}");
    }
}
