using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class PreparedInkTests
{
    [Fact]
    public void A_prepared_digit_has_ink()
    {
        float[] field = DigitPreparation.Prepare(SyntheticDigit.Seven(100, 90, left: 30, top: 20), 100, 90);

        Assert.True(PreparedInk.Found(field));
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0f)]
    [InlineData(0.5f)]
    public void A_blank_page_prepared_has_no_ink(float luminance)
    {
        Assert.False(PreparedInk.Found(DigitPreparation.Prepare(SyntheticDigit.Filled(40, 30, luminance), 40, 30)));
    }

    [Fact]
    public void Paper_texture_below_the_contrast_of_ink_has_no_ink()
    {
        var random = new Random(3);
        float[] page = Enumerable.Range(0, 80 * 60).Select(_ => 0.95f + (0.05f * random.NextSingle())).ToArray();

        Assert.False(PreparedInk.Found(DigitPreparation.Prepare(page, 80, 60)));
    }

    [Fact]
    public void Less_than_one_pixel_of_ink_in_all_is_no_ink_and_one_pixel_is_ink()
    {
        float[] field = new float[784];
        field[400] = 0.5f;
        field[401] = 0.25f;
        Assert.False(PreparedInk.Found(field));

        field[402] = 0.25f;
        Assert.True(PreparedInk.Found(field));
    }
}
