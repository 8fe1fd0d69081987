using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

public sealed class HandDrawnDigitsTests
{
    [Fact]
    public void The_survey_is_every_slant_pen_and_size_of_every_digit_and_the_same_from_the_same_seed()
    {
        IReadOnlyList<DigitStyle> styles = HandDrawnDigits.Survey(8, repeats: 2);

        Assert.Equal(2 * 10 * 7 * 4 * 3, styles.Count);
        Assert.Equal(Enumerable.Range(0, 10), styles.Select(s => s.Digit).Distinct());
        Assert.Equal([-30.0, -20, -10, 0, 10, 20, 30], styles.Select(s => s.Slant).Distinct());
        Assert.Contains(styles, s => s.LightOnDark);
        Assert.Contains(styles, s => s.OffCentre);
        Assert.Equal(styles, HandDrawnDigits.Survey(8, repeats: 2));
        Assert.NotEqual(styles, HandDrawnDigits.Survey(9, repeats: 2));
    }

    [Fact]
    public void A_style_renders_the_same_pixels_every_time_and_other_digits_differ()
    {
        var seven = new DigitStyle(7, 20, 0.08, 0.55, OffCentre: true, LightOnDark: false, Seed: 42);

        using SKBitmap first = HandDrawnDigits.Render(seven);
        using SKBitmap again = HandDrawnDigits.Render(seven);
        using SKBitmap one = HandDrawnDigits.Render(seven with { Digit = 1 });

        Assert.Equal(HandDrawnDigits.Canvas, first.Width);
        Assert.Equal(first.Bytes, again.Bytes);
        Assert.NotEqual(first.Bytes, one.Bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ink_and_paper_follow_the_polarity_and_the_digit_stays_on_the_canvas(bool lightOnDark)
    {
        var style = new DigitStyle(0, -30, 0.2, 0.85, OffCentre: true, LightOnDark: lightOnDark, Seed: 3);

        using SKBitmap bitmap = HandDrawnDigits.Render(style);
        float[] luminance = TestImages.Luminance(bitmap);

        float corner = luminance[0];
        Assert.Equal(lightOnDark, corner < 0.5f);
        int ink = luminance.Count(value => Math.Abs(value - corner) > 0.5f);
        Assert.InRange(ink, 200, luminance.Length / 2);
    }

    [Fact]
    public void Saved_files_are_pngs_that_predict_reads()
    {
        using var folder = new TemporaryFolder();
        string file = folder.File("digit.png");

        HandDrawnDigits.Save(new DigitStyle(4, 10, 0.03, 0.3, OffCentre: false, LightOnDark: false, Seed: 1), file);

        float[] field = Handwriting.Runner.Images.DigitImageFile.LoadDigit(file);
        // A 1 px pencil line on a 38 px digit: scaled up to 20 px it is faint, but it is there.
        Assert.InRange(field.Max(), 0.3f, 1f);
        Assert.InRange(field.Count(value => value > 0.1f), 20, 200);
    }
}
