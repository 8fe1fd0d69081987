using Handwriting.Kernels;

namespace Handwriting.Training;

/// <summary>Everything a training run depends on; the defaults are the seed notebook's.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 5;

    public int BatchSize { get; init; } = 32;

    public IReadOnlyList<int> Hidden { get; init; } = [128];

    public float DropoutRate { get; init; } = 0.2f;

    /// <summary>Adam's settings; its LearningRate is the start value of <see cref="Schedule"/>, its WeightDecay AdamW's.</summary>
    public AdamSettings Adam { get; init; } = new();

    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    public double ValidationSplit { get; init; } = 0.2;

    public int Seed { get; init; }

    /// <summary>Train on the first N training images only; null for all of them.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// The random distortion each training image gets as its batch is gathered (see
    /// <see cref="Augment"/>); null trains on the images as they are.
    /// </summary>
    public AugmentRanges? Augmentation { get; init; }

    /// <summary>Throws ArgumentException naming the first option that is out of range.</summary>
    public void Validate()
    {
        Check(Epochs >= 1, "--epochs must be at least 1");
        Check(BatchSize >= 1, "--batch-size must be at least 1");
        Check(Hidden.All(h => h >= 1), "--hidden widths must be at least 1");
        Check(Hidden.Count <= Model.ModelFile.MaxHiddenLayers, $"--hidden: {Hidden.Count} hidden layers; a model file holds at most {Model.ModelFile.MaxHiddenLayers}");
        Check(Hidden.All(h => h <= Model.ModelFile.MaxLayerWidth), $"--hidden: a layer wider than {Model.ModelFile.MaxLayerWidth}, the widest a model file holds");
        Check(DropoutRate >= 0f && DropoutRate < 1f, "--dropout must be in [0, 1)");
        Check(Adam.LearningRate > 0f && float.IsFinite(Adam.LearningRate), "--learning-rate must be a positive number");
        Check(Enum.IsDefined(Schedule), $"--lr-schedule must be one of {string.Join(", ", LearningRateSchedules.Names)}");
        Check(Adam.WeightDecay >= 0f && float.IsFinite(Adam.WeightDecay), "--weight-decay must be a finite number, at least 0");
        // AdamW scales every parameter by 1 - lr x W each step: at lr x W >= 1 that factor is zero
        // or negative and the weights flip sign or vanish; no learning rate fixes that.
        double decayPerStep = (double)Adam.LearningRate * Adam.WeightDecay;
        Check(decayPerStep < 1, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"--weight-decay {Adam.WeightDecay} with --learning-rate {Adam.LearningRate}: each step would scale every parameter by 1 - lr x W = {1 - decayPerStep:G4}; keep lr x W below 1 (a smaller --weight-decay)"));
        Check(ValidationSplit >= 0 && ValidationSplit < 1, "--validation-split must be in [0, 1)");
        Check(Limit is null or >= 1, "--limit must be at least 1");
        Check(Augmentation?.AffineFault() is null, $"--augment: {Augmentation?.AffineFault()}");
        Check(Augmentation?.ElasticFault() is null, $"--elastic: {Augmentation?.ElasticFault()}");
        Check(Augmentation?.Capture.Fault() is null, $"--capture-augment: {Augmentation?.Capture.Fault()}");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
