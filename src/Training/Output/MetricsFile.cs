using Handwriting.Kernels;

namespace Handwriting.Training.Output;

/// <summary>metrics.json: what a run reached, on what, with which settings, and where its time went (absent when the caller did not time it).</summary>
public sealed record MetricsFile(
    double TestLoss,
    double TestAccuracy,
    int Epochs,
    double Seconds,
    string Device,
    string Accelerator,
    string Network,
    int BatchSize,
    float Dropout,
    float LearningRate,
    string LrSchedule,
    float WeightDecay,
    double ValidationSplit,
    AugmentRanges? Augmentation,
    int Seed,
    int TrainImages,
    int ValidationImages,
    int TestImages,
    FirstTestImage FirstTestImage,
    RunPhases? Phases = null);

/// <summary>The notebook's step 6: the predicted probabilities of the first test image.</summary>
public sealed record FirstTestImage(int Label, int Predicted, IReadOnlyList<float> Probabilities);
