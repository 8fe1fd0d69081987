using Handwriting.Training.Data;

namespace Handwriting.Training.Images;

/// <summary>
/// Turns a photo or scan of one handwritten digit into the 28x28 input the model was trained on,
/// following how MNIST was made: light ink on black, the digit's longer side scaled to 20 pixels
/// with its aspect kept, and its centre of mass at the centre of the 28x28 field. Further
/// <see cref="PreparationSteps"/>, three on by default: a shadow across the page is evened out
/// before the ink is found (<see cref="LightFlattening"/>), a slanted digit is sheared upright by
/// its moments (<see cref="Deskewing"/>), and strokes thinner than a pixel once scaled are
/// thickened (<see cref="StrokeThickening"/>); strokes far thicker than MNIST's can be redrawn
/// thinner (<see cref="StrokeNormalising"/>, off by default).
/// </summary>
public static class DigitPreparation
{
    /// <summary>MNIST's field: 28 x 28 pixels.</summary>
    public const int Side = Mnist.Side;

    /// <summary>MNIST scaled each digit so that its longer side is 20 pixels, leaving a margin to centre it in.</summary>
    public const int DigitBox = 20;

    /// <summary>
    /// Deskewing and stroke normalising work on the cropped ink shrunk to at most this many pixels
    /// a side: fine enough that the shear's interpolation and the redrawn pen's edges are lost
    /// again in the shrink to 20, small enough to be cheap however large the photo.
    /// </summary>
    public const int WorkingSide = 4 * DigitBox;

    /// <summary>
    /// Prepares a digit from a grayscale image, <paramref name="luminance"/> in [0, 1] (0 black,
    /// 1 white), row-major <paramref name="width"/> x <paramref name="height"/>. Returns 784 values
    /// in [0, 1], row-major, ink 1. An image without ink (blank, all white, all black, or a single
    /// pixel) gives all zeros.
    /// </summary>
    public static float[] Prepare(float[] luminance, int width, int height) => Prepare(luminance, width, height, PreparationSteps.Default);

    /// <summary>
    /// As <see cref="Prepare(float[], int, int)"/> with the chosen <paramref name="steps"/>. With
    /// <see cref="PreparationSteps.Deskew"/>, the cropped digit is sheared so that its moment mu11 is
    /// zero before it is scaled to 20 pixels; with <see cref="PreparationSteps.ThickenThinStrokes"/>,
    /// the scaled digit is dilated once if its strokes are under a pixel wide. An upright digit with strokes
    /// of a pixel or more, and an image without ink, come out as they do with neither.
    /// </summary>
    public static float[] Prepare(float[] luminance, int width, int height, PreparationSteps steps)
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

        if (steps.HasFlag(PreparationSteps.FlattenLight))
        {
            luminance = LightFlattening.Flattened(luminance, width, height);
        }

        InkLevels levels = InkLevels.Measure(luminance, width, height);
        float threshold = steps.HasFlag(PreparationSteps.CropToStrokeCores) ? InkBox.CoreThreshold : InkBox.Threshold;
        InkBox? found = levels.HasInk ? InkBox.Find(luminance, width, height, levels, threshold) : null;
        if (found is not InkBox box)
        {
            return new float[Side * Side];
        }

        void ReadInk(int row, Span<float> destination)
        {
            ReadOnlySpan<float> source = luminance.AsSpan(((box.Top + row) * width) + box.Left, box.Width);
            for (int x = 0; x < source.Length; x++)
            {
                destination[x] = levels.Ink(source[x]);
            }
        }

        bool thicken = steps.HasFlag(PreparationSteps.ThickenThinStrokes);
        bool squeeze = steps.HasFlag(PreparationSteps.SqueezeThickBars);
        (float[] Image, int Width, int Height)? working = steps.HasFlag(PreparationSteps.Deskew) ? Upright(ReadInk, box) : null;
        if (steps.HasFlag(PreparationSteps.NormaliseThickStrokes))
        {
            (float[] image, int imageWidth, int imageHeight) = working ?? Shrunk(ReadInk, box);
            working = StrokeNormalising.Redrawn(image, imageWidth, imageHeight) ?? working;
        }

        // Without a working image (no step changed the digit) the crop itself is scaled, as MNIST's recipe does.
        return working is (float[] changed, int changedWidth, int changedHeight)
            ? ScaleAndCentre(
                (row, destination) => changed.AsSpan(row * changedWidth, changedWidth).CopyTo(destination),
                changedWidth,
                changedHeight,
                thicken,
                squeeze)
            : ScaleAndCentre(ReadInk, box.Width, box.Height, thicken, squeeze);
    }

    private static (float[] Image, int Width, int Height)? Upright(SourceRowReader readInk, InkBox box)
    {
        (float[] working, int workingWidth, int workingHeight) = Shrunk(readInk, box);
        return Deskewing.Upright(working, workingWidth, workingHeight);
    }

    /// <summary>The cropped ink shrunk to at most <see cref="WorkingSide"/> pixels a side (never enlarged).</summary>
    private static (float[] Image, int Width, int Height) Shrunk(SourceRowReader readInk, InkBox box)
    {
        double shrink = Math.Min(1.0, (double)WorkingSide / Math.Max(box.Width, box.Height));
        int workingWidth = Math.Max(1, (int)Math.Round(box.Width * shrink, MidpointRounding.AwayFromZero));
        int workingHeight = Math.Max(1, (int)Math.Round(box.Height * shrink, MidpointRounding.AwayFromZero));
        return (AreaResampling.Resample(readInk, box.Width, box.Height, workingWidth, workingHeight), workingWidth, workingHeight);
    }

    private static float[] ScaleAndCentre(SourceRowReader readInk, int width, int height, bool thicken, bool squeeze)
    {
        (int scaledWidth, int scaledHeight) = ScaledSize(width, height);
        float[] scaled = AreaResampling.Resample(readInk, width, height, scaledWidth, scaledHeight);
        if (squeeze && BarSqueezing.SqueezedWidth(scaled, scaledWidth, scaledHeight) is int narrower && narrower < scaledWidth)
        {
            scaledWidth = narrower;
            scaled = AreaResampling.Resample(readInk, width, height, scaledWidth, scaledHeight);
        }

        // Within the scaled box, so that a thickened digit keeps MNIST's 20 pixels: strokes at the
        // box's edge grow inwards only.
        if (thicken)
        {
            scaled = StrokeThickening.ThickenIfThin(scaled, scaledWidth, scaledHeight);
        }

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
