using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class LightFlatteningTests
{
    private const int Side = 120;

    /// <summary>The page darkened from left (full light) to right (by <paramref name="shadow"/>), as a lamp beside the paper does.</summary>
    private static float[] Shaded(float[] page, float shadow)
    {
        float[] shaded = new float[page.Length];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                shaded[(y * Side) + x] = page[(y * Side) + x] * (1f - (shadow * x / (Side - 1f)));
            }
        }

        return shaded;
    }

    [Fact]
    public void A_shadow_across_the_page_is_evened_out_before_the_digit_is_found()
    {
        float[] page = SyntheticDigit.Seven(Side, Side, 40, 30, paper: 0.9f, pen: 0.1f, penWidth: 8f);
        float[] shaded = Shaded(page, 0.45f);

        float[] even = DigitPreparation.Prepare(page, Side, Side, PreparationSteps.None);
        float[] plain = DigitPreparation.Prepare(shaded, Side, Side, PreparationSteps.None);
        float[] flattened = DigitPreparation.Prepare(shaded, Side, Side, PreparationSteps.FlattenLight);

        double Error(float[] prepared) => prepared.Zip(even, (a, b) => Math.Abs(a - b)).Sum();
        Assert.True(Error(plain) > 50, $"without flattening the shaded half of the page should read as ink, error {Error(plain):0.0}");
        Assert.True(Error(flattened) < 10, $"flattened, the digit should come out as on an even page, error {Error(flattened):0.0}");
    }

    [Fact]
    public void An_evenly_lit_page_is_left_exactly_as_it_is()
    {
        float[] page = SyntheticDigit.Seven(Side, Side, 40, 30, paper: 0.9f, pen: 0.1f);

        Assert.Same(page, LightFlattening.Flattened(page, Side, Side));
        Assert.Equal(DigitPreparation.Prepare(page, Side, Side, PreparationSteps.None), DigitPreparation.Prepare(page, Side, Side, PreparationSteps.FlattenLight));
    }

    [Fact]
    public void A_dark_board_with_a_gradient_is_evened_out_by_subtraction()
    {
        float[] board = SyntheticDigit.Seven(Side, Side, 40, 30, paper: 0.1f, pen: 0.9f, penWidth: 8f);
        float[] graded = board.Select((value, i) => value + (0.25f * (i % Side) / (Side - 1f))).ToArray();

        float[] flat = LightFlattening.Flattened(graded, Side, Side);

        Assert.InRange(flat[Side / 2], 0.15f, 0.25f);
        Assert.InRange(flat[(Side / 2 * Side) + Side - 1], 0.15f, 0.25f);
    }
}
