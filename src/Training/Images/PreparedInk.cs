namespace Handwriting.Training.Images;

/// <summary>
/// The one place that decides whether a prepared digit holds any ink. `predict` and `serve` both
/// ask it, so that a blank or nearly blank image (all white, all black, a single pixel, faint
/// paper texture, a hairline that preparation shrinks to nothing) is reported as "no ink found"
/// instead of a digit with a confident-looking probability: the network answers something for
/// every input, the all-zero field included.
/// </summary>
public static class PreparedInk
{
    /// <summary>
    /// The least total ink (the sum of the 784 values in [0, 1]) that counts as a digit: one fully
    /// inked pixel's worth. <see cref="DigitPreparation"/> gives all zeros for an image without
    /// contrast; a real digit carries about a hundred (MNIST's mean is ~103).
    /// </summary>
    public const float MinimumTotal = 1f;

    /// <summary>Whether <paramref name="prepared"/> (the 28x28 field from <see cref="DigitPreparation.Prepare(float[], int, int)"/>) holds a digit's worth of ink.</summary>
    public static bool Found(ReadOnlySpan<float> prepared)
    {
        float total = 0f;
        foreach (float value in prepared)
        {
            total += value;
        }

        return total >= MinimumTotal;
    }
}
