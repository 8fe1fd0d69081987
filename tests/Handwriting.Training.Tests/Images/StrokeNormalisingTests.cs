using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class StrokeNormalisingTests
{
    /// <summary>A short "1" written with a pen half as wide as the digit is tall: the blob MNIST's recipe makes an 8 of.</summary>
    private static float[] ThickOne() => SyntheticDigit.Strokes(120, 120, 1f, 0f, 24f, [(60, 40, 60, 80)]);

    [Fact]
    public void A_thick_short_one_is_redrawn_thin_and_tall()
    {
        float[] page = ThickOne();

        float[] blob = DigitPreparation.Prepare(page, 120, 120, PreparationSteps.None);
        float[] redrawn = DigitPreparation.Prepare(page, 120, 120, PreparationSteps.NormaliseThickStrokes);

        Assert.True(Field.StrokeWidth(blob) > StrokeNormalising.MaximumWidth, $"the blob's stroke should be wider than MNIST's widest, {Field.StrokeWidth(blob):0.00}");
        Assert.InRange(Field.StrokeWidth(redrawn), 1.5, 3.0);
        (int blobWidth, int blobHeight) = Field.InkSize(blob, 0.2f);
        (int width, int height) = Field.InkSize(redrawn, 0.2f);
        Assert.Equal(20, blobHeight);
        Assert.Equal(20, height);
        Assert.True(blobWidth >= 7, $"MNIST's recipe keeps the blob {blobWidth} px wide");
        Assert.InRange(width, 1, 4);
        Assert.All(redrawn, value => Assert.InRange(value, 0f, 1f));
        (double x, double y) = Field.CentreOfMass(redrawn);
        Assert.InRange(x, 13.4, 14.6);
        Assert.InRange(y, 13.4, 14.6);
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(8f)]
    public void A_stroke_no_wider_than_MNIST_s_is_left_alone(float penWidth)
    {
        float[] page = SyntheticDigit.Seven(120, 120, 30, 20, penWidth: penWidth);

        Assert.Equal(
            DigitPreparation.Prepare(page, 120, 120, PreparationSteps.None),
            DigitPreparation.Prepare(page, 120, 120, PreparationSteps.NormaliseThickStrokes));
    }

    [Fact]
    public void The_skeleton_of_a_bar_is_one_pixel_wide_and_keeps_most_of_its_length()
    {
        const int Width = 20, Height = 40;
        float[] bar = new float[Width * Height];
        for (int y = 5; y < 35; y++)
        {
            for (int x = 6; x < 14; x++)
            {
                bar[(y * Width) + x] = 1f;
            }
        }

        bool[] skeleton = StrokeNormalising.Skeleton(bar, Width, Height);

        int[] perRow = Enumerable.Range(0, Height).Select(y => Enumerable.Range(0, Width).Count(x => skeleton[(y * Width) + x])).ToArray();
        Assert.All(perRow, count => Assert.InRange(count, 0, 2));
        Assert.InRange(perRow.Count(count => count > 0), 20, 30);
        Assert.All(Enumerable.Range(0, bar.Length), i => Assert.True(!skeleton[i] || bar[i] > 0, "the skeleton lies inside the ink"));
    }

    [Fact]
    public void An_image_without_ink_still_gives_all_zeros()
    {
        Assert.Equal(new float[784], DigitPreparation.Prepare(SyntheticDigit.Filled(40, 30, 1f), 40, 30, PreparationSteps.NormaliseThickStrokes));
    }
}
