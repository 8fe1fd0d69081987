namespace Handwriting.Runner.Bench;

/// <summary>One row of the end-to-end comparison. Figures a trainer could not give are null.</summary>
public sealed record TrainerResult(
    string Trainer,
    string Accelerator,
    int BatchSize,
    int Epochs,
    double? TrainImagesPerSecond,
    double? WallSeconds,
    double? InferenceImagesPerSecond,
    double? TestAccuracy,
    string Note);
