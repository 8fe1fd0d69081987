using Handwriting.Kernels;

namespace Handwriting.Training;

/// <summary>
/// Named sets of training options, for `train --preset NAME`: options given on the command line
/// override the preset's.
/// </summary>
public static class TrainingPresets
{
    /// <summary>The seed notebook: 784-128-10, dropout 0.2, Adam 0.001, 5 epochs of batch 32, 20% validation.</summary>
    public static TrainingOptions Seed { get; } = new();

    /// <summary>
    /// The most accurate settings found to train within 10 minutes on the CPU accelerator of a
    /// 2-core machine: 784-800-10 with dropout 0.2, batch 128, a cosine learning-rate decay over
    /// 16 epochs, and every training image shifted, rotated and scaled at random. README.md
    /// ("Training for accuracy") records the sweep that chose them; 20 epochs were a little more
    /// accurate but left too little room under 10 minutes on a busy machine. Since issue 17 a
    /// quarter of the images also get each capture degradation (coarse grid, blur, pen:
    /// <see cref="CaptureRanges"/>), which lifted the captured digits of README's "Captured digits"
    /// by a point, their 8 x 8 captures by five, at a tenth of a point on re-prepared MNIST.
    /// </summary>
    public static TrainingOptions Best { get; } = new()
    {
        Epochs = 16,
        BatchSize = 128,
        Hidden = [800],
        DropoutRate = 0.2f,
        Schedule = LearningRateSchedule.Cosine,
        ValidationSplit = 0.1,
        Augmentation = AugmentRanges.Affine.WithCapture(CaptureRanges.Captures.WithChance(0.25f)),
    };

    public static IReadOnlyList<string> Names { get; } = ["seed", "best"];

    /// <summary>The preset of that name (case-insensitive), or false.</summary>
    public static bool TryGet(string name, out TrainingOptions options)
    {
        options = name.ToLowerInvariant() switch
        {
            "seed" => Seed,
            "best" => Best,
            _ => null!,
        };
        return options is not null;
    }
}
