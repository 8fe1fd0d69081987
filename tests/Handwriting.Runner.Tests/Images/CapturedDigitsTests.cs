using Handwriting.Training.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>The development set's generator: its fonts are there, it repeats from its seed, it covers every source and degradation, and its pages are what they claim.</summary>
public sealed class CapturedDigitsTests
{
    [Fact]
    public void Every_handwriting_font_is_installed_and_has_all_ten_digits()
    {
        IReadOnlyList<string> missing = HandwritingFonts.Missing();
        Assert.True(missing.Count == 0, $"install the fonts of the development set: apt-get install -y {string.Join(' ', missing)}");
        foreach (HandwritingFont font in HandwritingFonts.All)
        {
            foreach (int digit in Enumerable.Range(0, 10))
            {
                using SKPath outline = HandwritingFonts.Outline(font, digit);
                Assert.True(outline.TightBounds.Height > 20, $"{font.Name} draws {digit} {outline.TightBounds.Height} units tall at an em of 100");
            }
        }
    }

    [Fact]
    public void The_set_repeats_from_its_seed_and_another_seed_draws_another_set()
    {
        IReadOnlyList<CapturedDigit> first = CapturedDigits.Set(17), again = CapturedDigits.Set(17), other = CapturedDigits.Set(18);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(d => d.Seed), other.Select(d => d.Seed));
        foreach (int i in new[] { 0, 1234, first.Count - 1 })
        {
            Assert.Equal(CapturedDigits.Encode(first[i]).Bytes, CapturedDigits.Encode(again[i]).Bytes);
        }
    }

    [Fact]
    public void The_set_holds_every_source_digit_and_degradation()
    {
        IReadOnlyList<CapturedDigit> set = CapturedDigits.Set(17);
        Assert.Equal((HandwritingFonts.All.Count * CapturedDigits.FontRepeats * 10) + (CapturedDigits.TemplateRepeats * 10) + (CapturedDigits.Writers * CapturedDigits.WriterRepeats * 10), set.Count);
        Assert.Equal(Enum.GetValues<DigitSource>(), set.Select(d => d.Source).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, 10), set.Select(d => d.Digit).Distinct().Order());
        Assert.Equal(CapturedDigits.Resolutions.Order(), set.Select(d => d.Resolution).Distinct().Order());
        Assert.Equal(3, set.Select(d => d.Pen).Distinct().Count());
        Assert.Equal(CapturedDigits.Blurs.Order(), set.Select(d => d.Blur).Distinct().Order());
        Assert.Equal(CapturedDigits.JpegQualities.Order(), set.Select(d => d.JpegQuality).Distinct().Order());
        Assert.Equal(CapturedDigits.Writers, set.Where(d => d.Source == DigitSource.Writer).Select(d => d.Hand).Distinct().Count());
        Assert.All(new Func<CapturedDigit, bool>[] { d => d.UnevenLight, d => d.OffCentre, d => d.DarkPage }, flag =>
        {
            Assert.Contains(set, d => flag(d));
            Assert.Contains(set, d => !flag(d));
        });
    }

    [Theory]
    [InlineData(DigitSource.Font, false)]
    [InlineData(DigitSource.Template, true)]
    [InlineData(DigitSource.Writer, false)]
    public void A_page_has_the_paper_it_claims_and_ink_that_preparation_finds(DigitSource source, bool darkPage)
    {
        CapturedDigit digit = CapturedDigits.Set(17).First(d => d.Source == source && d.DarkPage == darkPage && d.Digit == 7);
        using SKBitmap page = CapturedDigits.Render(digit);
        float[] luminance = TestImages.Luminance(page);
        Assert.Equal(CapturedDigits.Page * CapturedDigits.Page, luminance.Length);
        Assert.Equal(darkPage, luminance[0] < 0.5f);
        float[] prepared = DigitPreparation.Prepare(luminance, page.Width, page.Height);
        Assert.InRange(prepared.Sum(), 30f, 400f);
    }

    [Fact]
    public void A_coarse_capture_is_made_of_its_coarse_pixels_enlarged()
    {
        // A sharp, even, centred 8 x 8 capture: every page row is a blend of two of its 8 rows,
        // so far fewer distinct rows than a full-resolution capture of the same digit has.
        CapturedDigit coarse = new(1, DigitSource.Writer, "5", 8, 2, 0, 0, false, false, false, 3);
        CapturedDigit fine = coarse with { Resolution = 0 };
        Assert.True(Sharpness(coarse) < Sharpness(fine) / 3, $"coarse edge {Sharpness(coarse)}, fine edge {Sharpness(fine)}");
    }

    /// <summary>The steepest step between horizontal neighbours: an enlarged coarse capture has soft ramps instead of edges.</summary>
    private static float Sharpness(CapturedDigit digit)
    {
        using SKBitmap page = CapturedDigits.Render(digit);
        float[] luminance = TestImages.Luminance(page);
        float steepest = 0;
        for (int y = 0; y < page.Height; y++)
        {
            for (int x = 1; x < page.Width; x++)
            {
                steepest = Math.Max(steepest, Math.Abs(luminance[(y * page.Width) + x] - luminance[(y * page.Width) + x - 1]));
            }
        }

        return steepest;
    }
}
