namespace Handwriting.Training.Images;

/// <summary>The steps of <see cref="DigitPreparation"/> beyond what MNIST's own pipeline did, each measured on its own.</summary>
[Flags]
public enum PreparationSteps
{
    /// <summary>Exactly MNIST's recipe: crop, scale to 20 px, centre the mass.</summary>
    None = 0,

    /// <summary>Shear the cropped digit upright by its moments (<see cref="Deskewing"/>).</summary>
    Deskew = 1,

    /// <summary>Thicken strokes thinner than a pixel once the digit is scaled to 20 px (<see cref="StrokeThickening"/>).</summary>
    ThickenThinStrokes = 2,

    /// <summary>Redraw strokes far thicker than MNIST's along their skeleton at MNIST's width (<see cref="StrokeNormalising"/>).</summary>
    NormaliseThickStrokes = 4,

    /// <summary>Even out a shadow across the page before the paper and ink levels are measured (<see cref="LightFlattening"/>).</summary>
    FlattenLight = 8,

    /// <summary>Crop to the ink above half the stroke contrast instead of a fifth, leaving a blurred capture's halo outside the box.</summary>
    CropToStrokeCores = 16,

    /// <summary>Squeeze a narrow digit whose rows hold far more ink than MNIST's 1s sideways, to their width (<see cref="BarSqueezing"/>).</summary>
    SqueezeThickBars = 32,

    /// <summary>
    /// What `predict` uses: deskewing and thickening, since on the generated digits of README's
    /// "Predicting your own digits" each lifted the seed model's accuracy and on re-prepared MNIST
    /// test digits neither lowered it; and flattening the light, which took the captured digits of
    /// the same section from 64.9% to 85.1% and left MNIST unchanged. Normalising thick strokes is
    /// measured there and left off: it cost the captured digits 0.4 points.
    /// </summary>
    Default = Deskew | ThickenThinStrokes | FlattenLight,
}
