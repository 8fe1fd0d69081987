namespace Handwriting.Kernels;

/// <summary>
/// The degradations of a captured digit that the augmentation can add after its geometric
/// distortion, each given to an image with its own chance (0 never, 1 always), so that a network
/// trained on clean MNIST digits also sees digits as a coarse scan, a blurred photograph or
/// another pen leaves them (issue 17: thick, short strokes scaled into blobs):
/// <list type="bullet">
/// <item><b>coarse capture</b>: the digit sampled on a grid of Cells x Cells cells across the
/// image, Cells drawn from [CoarseMinCells, CoarseMaxCells] (7 cells across 28 pixels is a digit
/// 5 cells tall, as an 8 x 8 capture; 20 cells is a 16 x 16 one), the grid placed at a random
/// offset, each cell the average of its area (a binomial 3 x 3 filter as wide as the cell), then
/// enlarged back bilinearly, as a low-resolution scan enlarged;</item>
/// <item><b>blur</b>: a binomial 3 x 3 filter whose taps lie Spread pixels apart (a Gaussian of
/// sigma Spread / sqrt 2), Spread drawn from [0, BlurMaxSpread);</item>
/// <item><b>pen</b>: the ink's level shifted by k drawn from [PenMin, PenMax): v / (1 - k), at most
/// 1, for k &gt; 0 (the soft edge of a stroke becomes ink: a thicker pen, more so after blur),
/// (v + k) / (1 + k), at least 0, for k &lt; 0 (a thinner pen).</item>
/// </list>
/// The default (every chance 0) adds nothing, and the kernel then takes exactly the path it takes
/// without capture augmentation, so existing runs are unchanged bit for bit.
/// </summary>
public readonly record struct CaptureRanges(
    float CoarseChance,
    float CoarseMinCells,
    float CoarseMaxCells,
    float BlurChance,
    float BlurMaxSpread,
    float PenChance,
    float PenMin,
    float PenMax)
{
    /// <summary>The fewest cells across an image accepted: below 4 a digit is a blot of one or two cells.</summary>
    public const float MinCells = 4f;

    /// <summary>The widest blur spread accepted, in pixels: more smears a 28-pixel digit into a cloud.</summary>
    public const float MaxSpread = 4f;

    /// <summary>The largest level shift accepted either way: at 1 a thickening would divide by zero and a thinning would erase everything.</summary>
    public const float MaxPen = 0.9f;

    /// <summary>
    /// The degradations `train --capture-augment` adds, each to half the images (another chance: <see cref="WithChance"/>): coarse grids of
    /// 7 to 20 cells across (the development set's 8 x 8 to 16 x 16 captures, the digit filling
    /// 0.6-0.9 of the frame), blur up to sigma 1.1 px, and pens from a little thinner to much thicker.
    /// </summary>
    public static CaptureRanges Captures { get; } = new(0.5f, 7f, 20f, 0.5f, 1.5f, 0.5f, -0.3f, 0.7f);

    /// <summary>These ranges with every degradation given to a fraction <paramref name="chance"/> of the images.</summary>
    public CaptureRanges WithChance(float chance) => this with { CoarseChance = chance, BlurChance = chance, PenChance = chance };

    /// <summary>Whether any image can be degraded: false for the default.</summary>
    public bool Any => CoarseChance > 0f || BlurChance > 0f || PenChance > 0f;

    /// <summary>Null when the ranges are usable, else the first fault, worded for an error message.</summary>
    public string? Fault()
    {
        if (!(float.IsFinite(CoarseMinCells) && float.IsFinite(CoarseMaxCells) && float.IsFinite(BlurMaxSpread) && float.IsFinite(PenMin) && float.IsFinite(PenMax)))
        {
            return "every capture augmentation range must be a finite number";
        }

        if (CoarseChance is not (>= 0f and <= 1f) || BlurChance is not (>= 0f and <= 1f) || PenChance is not (>= 0f and <= 1f))
        {
            return "every capture augmentation chance must be between 0 and 1";
        }

        if (CoarseMinCells > CoarseMaxCells || PenMin > PenMax)
        {
            return "a capture augmentation range has its minimum above its maximum";
        }

        if (CoarseChance > 0f && CoarseMinCells < MinCells)
        {
            return "a coarse capture needs at least 4 cells across the image";
        }

        if (BlurMaxSpread is < 0f or > MaxSpread)
        {
            return "the capture blur's spread must be between 0 and 4 pixels";
        }

        return PenMin < -MaxPen || PenMax > MaxPen ? "the capture pen's level shift must be between -0.9 and 0.9" : null;
    }
}
