namespace Handwriting.Training;

/// <summary>
/// One epoch of the history, as Keras reports it. Validation figures are null without a
/// validation set. Seconds is the whole epoch; TrainSeconds leaves out the validation pass,
/// for throughput figures comparable with other trainers'.
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    double Accuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double Seconds,
    double TrainSeconds);
