using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class BarSqueezingTests
{
    private const int Side = 100;

    /// <summary>Dark ink on white: a bar from x0 to x1 (exclusive), 20 to 80 tall, or with wall > 0 only its outline that thick (a ring).</summary>
    private static float[] Page(int x0, int x1, int wall = 0)
    {
        float[] page = new float[Side * Side];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                bool inBar = x >= x0 && x < x1 && y >= 20 && y < 80;
                bool inHole = wall > 0 && x >= x0 + wall && x < x1 - wall && y >= 20 + wall && y < 80 - wall;
                page[(y * Side) + x] = inBar && !inHole ? 0f : 1f;
            }
        }

        return page;
    }

    [Fact]
    public void A_thick_bar_is_squeezed_to_the_width_of_MNISTs_ones()
    {
        // 24 of 60 px: scaled to 20 px tall, 8 px wide, every row 8 px of ink.
        float[] page = Page(38, 62);

        float[] plain = DigitPreparation.Prepare(page, Side, Side, PreparationSteps.None);
        float[] squeezed = DigitPreparation.Prepare(page, Side, Side, PreparationSteps.SqueezeThickBars);

        Assert.Equal((8, 20), Field.InkSize(plain, 0.5f));
        Assert.Equal((3, 20), Field.InkSize(squeezed, 0.5f));
    }

    [Theory]
    [InlineData(44, 56, 0)]
    [InlineData(30, 70, 6)]
    [InlineData(38, 62, 6)]
    [InlineData(38, 62, 8)]
    public void A_thin_bar_a_wide_digit_and_a_narrow_ring_are_left_alone(int x0, int x1, int wall)
    {
        // 12 of 60 px: rows of 4 px; a ring 40 px wide; narrow rings, whose rows hold 2 x 2 px of
        // ink, or 2 x 2.7 px: more than a thick 1's, but with a hole between.
        float[] page = Page(x0, x1, wall);

        Assert.Equal(
            DigitPreparation.Prepare(page, Side, Side, PreparationSteps.None),
            DigitPreparation.Prepare(page, Side, Side, PreparationSteps.SqueezeThickBars));
    }
}
