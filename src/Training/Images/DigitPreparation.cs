namespace Handwriting.Training.Images;

/// <summary>
/// Turns a photo or scan of one handwritten digit into the 28x28 input the model was trained on,
/// following how MNIST was made: light ink on black, the digit's longer side scaled to 20 pixels
/// with its aspect kept, and its centre of mass at the centre of the 28x28 field.
/// </summary>
public static class DigitPreparation
{
    /// <summary>MNIST's field: 28 x 28 pixels.</summary>
    public const int Side = 28;

    /// <summary>MNIST scaled each digit so that its longer side is 20 pixels, leaving a margin to centre it in.</summary>
    public const int DigitBox = 20;

    /// <summary>
    /// Prepares a digit from a grayscale image, <paramref name="luminance"/> in [0, 1] (0 black,
    /// 1 white), row-major <paramref name="width"/> x <paramref name="height"/>. Returns 784 values
    /// in [0, 1], row-major, ink 1. An image without ink (blank, all white, all black, or a single
    /// pixel) gives all zeros.
    /// </summary>
    public static float[] Prepare(float[] luminance, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(luminance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height != luminance.Length)
        {
            throw new ArgumentException(
                $"a {width} x {height} image has {(long)width * height} pixels but {luminance.Length} luminance values were given",
                nameof(luminance));
        }

        int notFinite = Array.FindIndex(luminance, value => !float.IsFinite(value));
        if (notFinite >= 0)
        {
            throw new ArgumentException($"luminance[{notFinite}] is {luminance[notFinite]}, not a finite value", nameof(luminance));
        }

        InkLevels levels = InkLevels.Measure(luminance, width, height);
        InkBox? found = levels.HasInk ? InkBox.Find(luminance, width, height, levels) : null;
        if (found is not InkBox box)
        {
            return new float[Side * Side];
        }

        (int scaledWidth, int scaledHeight) = ScaledSize(box.Width, box.Height);
        float[] scaled = AreaResampling.Resample(
            (row, destination) =>
            {
                ReadOnlySpan<float> source = luminance.AsSpan(((box.Top + row) * width) + box.Left, box.Width);
                for (int x = 0; x < source.Length; x++)
                {
                    destination[x] = levels.Ink(source[x]);
                }
            },
            box.Width,
            box.Height,
            scaledWidth,
            scaledHeight);

        return MassCentring.Place(scaled, scaledWidth, scaledHeight, Side);
    }

    /// <summary>The longer side becomes <see cref="DigitBox"/>; the shorter keeps the aspect, and at least one pixel.</summary>
    private static (int Width, int Height) ScaledSize(int width, int height)
    {
        int longer = Math.Max(width, height);
        int Scale(int length) => Math.Max(1, (int)Math.Round((double)length * DigitBox / longer, MidpointRounding.AwayFromZero));
        return (Scale(width), Scale(height));
    }
}
