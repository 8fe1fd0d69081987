using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class DeskewingTests
{
    /// <summary>An upright "1" with a foot, sheared so that its top leans <paramref name="lean"/> pixels to the right.</summary>
    private static float[] LeaningOne(float lean, float penWidth = 6f) =>
        SyntheticDigit.Strokes(120, 120, 1f, 0f, penWidth,
            [(60 + (lean / 2), 20, 60 - (lean / 2), 100), (60 - (lean / 2) - 12, 100, 60 - (lean / 2) + 12, 100)]);

    [Theory]
    [InlineData(30f)]
    [InlineData(-30f)]
    [InlineData(15f)]
    public void A_slanted_stroke_comes_out_upright(float lean)
    {
        float[] page = LeaningOne(lean);

        float[] slanted = DigitPreparation.Prepare(page, 120, 120, PreparationSteps.None);
        float[] upright = DigitPreparation.Prepare(page, 120, 120, PreparationSteps.Deskew);

        Assert.True(Math.Abs(Field.Skew(slanted)) > 0.1, $"the undeskewed stroke should lean, skew {Field.Skew(slanted):0.000}");
        Assert.InRange(Field.Skew(upright), -0.03, 0.03);
        Assert.Equal(20, Field.InkSize(upright, 0.2f).Height);
        (double x, double y) = Field.CentreOfMass(upright);
        Assert.InRange(x, 13.5, 14.5);
        Assert.InRange(y, 13.5, 14.5);
        Assert.Equal(1f, upright.Max(), 1);
    }

    [Fact]
    public void Deskewing_keeps_the_ink_a_shear_only_moves_it_along_rows()
    {
        float[] page = LeaningOne(30f);

        float[] slanted = DigitPreparation.Prepare(page, 120, 120, PreparationSteps.None);
        float[] upright = DigitPreparation.Prepare(page, 120, 120, PreparationSteps.Deskew);

        // The upright stroke is narrower, so it is scaled larger; its ink per pixel of height is alike.
        Assert.InRange(upright.Sum() / slanted.Sum(), 0.8, 1.6);
        Assert.True(Field.InkSize(upright, 0.2f).Width < Field.InkSize(slanted, 0.2f).Width);
    }

    [Fact]
    public void An_upright_digit_is_unchanged()
    {
        float[] page = LeaningOne(0f);

        Assert.Equal(DigitPreparation.Prepare(page, 120, 120, PreparationSteps.None), DigitPreparation.Prepare(page, 120, 120, PreparationSteps.Deskew));
    }

    [Fact]
    public void Prepare_deskews_by_default()
    {
        float[] page = LeaningOne(30f);

        Assert.True(PreparationSteps.Default.HasFlag(PreparationSteps.Deskew));
        Assert.Equal(DigitPreparation.Prepare(page, 120, 120, PreparationSteps.Deskew), DigitPreparation.Prepare(page, 120, 120));
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0f)]
    [InlineData(0.5f)]
    public void An_image_without_ink_still_gives_all_zeros(float luminance)
    {
        Assert.Equal(new float[784], DigitPreparation.Prepare(SyntheticDigit.Filled(40, 30, luminance), 40, 30, PreparationSteps.Deskew));
        Assert.Equal(new float[784], DigitPreparation.Prepare([luminance], 1, 1, PreparationSteps.Deskew));
    }

    [Fact]
    public void A_single_row_of_ink_has_no_vertical_spread_to_shear_and_is_left_alone()
    {
        float[] page = SyntheticDigit.Filled(60, 20, 1f);
        for (int x = 10; x < 50; x++)
        {
            page[(10 * 60) + x] = 0f;
        }

        Assert.Equal(DigitPreparation.Prepare(page, 60, 20, PreparationSteps.None), DigitPreparation.Prepare(page, 60, 20, PreparationSteps.Deskew));
    }

    [Fact]
    public void A_nearly_flat_dash_is_sheared_at_most_45_degrees_and_stays_finite()
    {
        // Slope 1 in 20: mu11 / mu02 is 20, far beyond any writing slant.
        float[] page = SyntheticDigit.Strokes(140, 40, 1f, 0f, 2f, [(10, 22, 130, 16)]);

        float[] field = DigitPreparation.Prepare(page, 140, 40, PreparationSteps.Deskew);

        Assert.All(field, value => Assert.True(float.IsFinite(value) && value is >= 0f and <= 1f));
        Assert.True(field.Sum() > 1f, "the dash should still be there");
    }

    [Fact]
    public void A_single_dot_is_unchanged()
    {
        float[] dot = [1, 1, 1, 1, 0, 1, 1, 1, 1];

        Assert.Equal(DigitPreparation.Prepare(dot, 3, 3, PreparationSteps.None), DigitPreparation.Prepare(dot, 3, 3, PreparationSteps.Deskew));
    }

    [Fact]
    public void A_large_photo_is_deskewed_on_a_small_working_copy_with_the_same_result_as_a_small_one()
    {
        // The same leaning stroke at 1x and 8x: the 8x crop is shrunk to WorkingSide before the shear.
        float[] small = SyntheticDigit.Strokes(100, 100, 1f, 0f, 5f, [(65, 10, 35, 90)]);
        float[] large = SyntheticDigit.Strokes(800, 800, 1f, 0f, 40f, [(520, 80, 280, 720)]);

        float[] fromSmall = DigitPreparation.Prepare(small, 100, 100, PreparationSteps.Deskew);
        float[] fromLarge = DigitPreparation.Prepare(large, 800, 800, PreparationSteps.Deskew);

        Assert.InRange(Field.Skew(fromLarge), -0.03, 0.03);
        Assert.InRange(fromSmall.Zip(fromLarge, (a, b) => Math.Abs(a - b)).Max(), 0f, 0.35f);
    }
}
