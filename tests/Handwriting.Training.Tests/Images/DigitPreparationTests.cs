using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class DigitPreparationTests
{
    [Fact]
    public void A_dark_off_centre_digit_on_white_comes_out_light_on_black_centred_and_20_pixels_tall()
    {
        float[] page = SyntheticDigit.Seven(160, 120, left: 12, top: 10);

        float[] field = DigitPreparation.Prepare(page, 160, 120);

        Assert.Equal(784, field.Length);
        Assert.All(field, value => Assert.InRange(value, 0f, 1f));
        Assert.Equal(1f, field.Max(), 3);
        Assert.Equal(0f, field[0]);
        (double x, double y) = Field.CentreOfMass(field);
        Assert.InRange(x, 13.5, 14.5);
        Assert.InRange(y, 13.5, 14.5);
        Assert.Equal(20, Field.InkSize(field).Height);
        Assert.InRange(Field.InkSize(field).Width, 12, 16);
    }

    [Fact]
    public void Light_ink_on_black_gives_the_same_digit_as_dark_ink_on_white()
    {
        float[] darkOnLight = SyntheticDigit.Seven(100, 90, left: 30, top: 20);
        float[] lightOnDark = darkOnLight.Select(value => 1f - value).ToArray();

        float[] fromDark = DigitPreparation.Prepare(darkOnLight, 100, 90);
        float[] fromLight = DigitPreparation.Prepare(lightOnDark, 100, 90);

        Assert.Equal(fromDark, fromLight, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void Faint_pencil_on_grey_paper_is_stretched_to_full_contrast()
    {
        float[] page = SyntheticDigit.Seven(100, 90, left: 30, top: 20, paper: 0.8f, pen: 0.55f);

        float[] field = DigitPreparation.Prepare(page, 100, 90);

        Assert.Equal(1f, field.Max(), 3);
        Assert.Equal(DigitPreparation.Prepare(SyntheticDigit.Seven(100, 90, left: 30, top: 20), 100, 90), field,
            (a, b) => Math.Abs(a - b) < 1e-4f);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0f)]
    [InlineData(0.5f)]
    [InlineData(0.7f)]
    public void An_image_without_ink_gives_all_zeros(float luminance)
    {
        float[] field = DigitPreparation.Prepare(SyntheticDigit.Filled(40, 30, luminance), 40, 30);

        Assert.Equal(new float[784], field);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    public void A_single_pixel_image_gives_all_zeros(float luminance)
    {
        Assert.Equal(new float[784], DigitPreparation.Prepare([luminance], 1, 1));
    }

    [Fact]
    public void A_single_dark_dot_fills_the_centred_20_pixel_box()
    {
        float[] dot = [1, 1, 1, 1, 0, 1, 1, 1, 1];

        float[] field = DigitPreparation.Prepare(dot, 3, 3);

        for (int y = 0; y < 28; y++)
        {
            for (int x = 0; x < 28; x++)
            {
                bool inside = x is >= 4 and < 24 && y is >= 4 and < 24;
                Assert.Equal(inside ? 1f : 0f, field[(y * 28) + x], 5);
            }
        }
    }

    [Theory]
    [InlineData(60, 30, 20, 10)]
    [InlineData(12, 48, 5, 20)]
    [InlineData(33, 33, 20, 20)]
    [InlineData(200, 4, 20, 1)]
    public void A_rectangle_keeps_its_aspect_with_the_longer_side_at_20(int width, int height, int expectedWidth, int expectedHeight)
    {
        const int PageWidth = 240, PageHeight = 100;
        float[] page = SyntheticDigit.Filled(PageWidth, PageHeight, 1f);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                page[((y + 40) * PageWidth) + x + 20] = 0f;
            }
        }

        // Scaling alone: a 20 x 1 bar is thinner than StrokeThickening lets through.
        float[] field = DigitPreparation.Prepare(page, PageWidth, PageHeight, PreparationSteps.None);

        Assert.Equal((expectedWidth, expectedHeight), Field.InkSize(field));
        Assert.Equal(expectedWidth * expectedHeight, field.Count(value => value > 0.999f));
    }

    [Fact]
    public void A_stroke_that_touches_the_border_is_still_found()
    {
        // A tightly cropped "1": a bar from the top edge to the bottom edge.
        float[] page = SyntheticDigit.Strokes(30, 50, 1f, 0f, 6f, [(15, -5, 15, 55)]);

        float[] field = DigitPreparation.Prepare(page, 30, 50);

        Assert.Equal(20, Field.InkSize(field).Height);
        (double x, double y) = Field.CentreOfMass(field);
        Assert.InRange(x, 13.5, 14.5);
        Assert.InRange(y, 13.5, 14.5);
    }

    [Fact]
    public void A_lopsided_digit_is_clipped_at_the_field_border_rather_than_moved_off_centre()
    {
        // A long bar with a heavy blob at one end pulls the centre of mass far to the left.
        float[] page = SyntheticDigit.Strokes(120, 40, 1f, 0f, 4f, [(10, 20, 110, 20)]);
        for (int y = 5; y < 35; y++)
        {
            for (int x = 5; x < 35; x++)
            {
                page[(y * 120) + x] = 0f;
            }
        }

        float[] field = DigitPreparation.Prepare(page, 120, 40);

        Assert.All(field, value => Assert.InRange(value, 0f, 1f));
        float[] lastColumn = Enumerable.Range(0, 28).Select(y => field[(y * 28) + 27]).ToArray();
        Assert.True(lastColumn.Sum() > 0.5f, "the bar should run off the right edge");
        Assert.InRange(Field.CentreOfMass(field).Y, 13.5, 14.5);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-3, 2)]
    public void A_size_that_is_not_positive_is_refused(int width, int height)
    {
        Assert.ThrowsAny<ArgumentException>(() => DigitPreparation.Prepare([0f], width, height));
    }

    [Fact]
    public void A_luminance_array_of_the_wrong_length_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DigitPreparation.Prepare(new float[11], 3, 4));

        Assert.Contains("a 3 x 4 image has 12 pixels but 11 luminance values were given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_finite_is_refused()
    {
        float[] page = SyntheticDigit.Filled(4, 4, 1f);
        page[5] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => DigitPreparation.Prepare(page, 4, 4));

        Assert.Contains("luminance[5] is NaN", error.Message, StringComparison.Ordinal);
    }
}
