using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class StrokeCoresCropTests
{
    /// <summary>A vertical bar whose ink fades linearly over 10 px on every side, as a blurred capture's does.</summary>
    private static float[] BlurredBar()
    {
        const int Side = 100;
        float[] page = new float[Side * Side];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                double outside = Math.Max(Math.Max(40 - x, x - 59), Math.Max(20 - y, y - 79));
                page[(y * Side) + x] = 1f - (float)Math.Clamp(1 - (outside / 10.0), 0, 1);
            }
        }

        return page;
    }

    [Fact]
    public void Cropping_to_the_stroke_cores_leaves_the_halo_outside_the_box()
    {
        float[] page = BlurredBar();

        float[] halo = DigitPreparation.Prepare(page, 100, 100, PreparationSteps.None);
        float[] cores = DigitPreparation.Prepare(page, 100, 100, PreparationSteps.CropToStrokeCores);

        // The core (ink above one half) is 20 px tall only when the box was cut at the cores.
        Assert.Equal(20, Field.InkSize(cores, 0.5f).Height);
        Assert.True(Field.InkSize(halo, 0.5f).Height < 19, $"with the halo in the box the core should be shorter, {Field.InkSize(halo, 0.5f).Height} px");
    }
}
