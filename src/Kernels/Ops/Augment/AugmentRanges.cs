namespace Handwriting.Kernels;

/// <summary>
/// The intervals the augmentation draws each image's transform from, uniformly: a shift in
/// pixels (x and y drawn separately from the same interval), a rotation in degrees, a scale
/// factor, and the largest displacement in pixels of the elastic distortion (0 turns it off).
/// A degenerate interval (min = max) fixes the value, which is how the tests ask for an exact
/// identity or an exact whole-pixel shift. Capture holds the degradations toward captured digits
/// (coarse capture, blur, pen) added after the geometry; its default adds none.
/// </summary>
public readonly record struct AugmentRanges(
    float ShiftMin,
    float ShiftMax,
    float RotationMinDegrees,
    float RotationMaxDegrees,
    float ScaleMin,
    float ScaleMax,
    float Elastic,
    CaptureRanges Capture = default)
{
    /// <summary>The largest elastic displacement accepted: more would tear a 28-pixel digit apart (its control points are 9 pixels apart).</summary>
    public const float MaxElastic = 8f;

    /// <summary>The smallest scale accepted: below it a digit shrinks to a dot (and 1 / scale overflows near 0).</summary>
    public const float MinScale = 0.1f;

    /// <summary>The random affine transform of the issue that asked for augmentation: shift +/-2 px, rotation +/-12 degrees, scale 0.9-1.1, no elastic distortion.</summary>
    public static AugmentRanges Affine { get; } = new(-2f, 2f, -12f, 12f, 0.9f, 1.1f, 0f);

    /// <summary>Every image unchanged: the transform is exactly the identity.</summary>
    public static AugmentRanges Identity { get; } = new(0f, 0f, 0f, 0f, 1f, 1f, 0f);

    /// <summary>A fixed shift by (pixels, pixels) and nothing else.</summary>
    public static AugmentRanges Shift(float pixels) => Identity with { ShiftMin = pixels, ShiftMax = pixels };

    /// <summary>These ranges with elastic distortion of at most <paramref name="pixels"/> per control point.</summary>
    public AugmentRanges WithElastic(float pixels) => this with { Elastic = pixels };

    /// <summary>These ranges with the degradations toward captured digits of <paramref name="capture"/>.</summary>
    public AugmentRanges WithCapture(CaptureRanges capture) => this with { Capture = capture };

    /// <summary>Null when the ranges are usable, else the first fault, worded for an error message.</summary>
    public string? Fault() => AffineFault() ?? ElasticFault() ?? Capture.Fault();

    /// <summary>Null when the shift, rotation and scale ranges are usable, else the first fault.</summary>
    public string? AffineFault()
    {
        if (!AllFinite(ShiftMin, ShiftMax, RotationMinDegrees, RotationMaxDegrees, ScaleMin, ScaleMax))
        {
            return "every augmentation range must be a finite number";
        }

        if (ShiftMin > ShiftMax || RotationMinDegrees > RotationMaxDegrees || ScaleMin > ScaleMax)
        {
            return "an augmentation range has its minimum above its maximum";
        }

        if (ScaleMin < MinScale)
        {
            return "the augmentation scale must be at least 0.1";
        }

        return null;
    }

    /// <summary>Null when the elastic distortion is usable (NaN and infinity are not), else its fault.</summary>
    public string? ElasticFault() =>
        Elastic is >= 0f and <= MaxElastic ? null : "the elastic distortion must be between 0 and 8 pixels";

    private static bool AllFinite(params ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
