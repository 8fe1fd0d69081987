using Handwriting.Training;

namespace Handwriting.Training.Output;

/// <summary>history.json: Keras's History.history, one list per metric, plus seconds per epoch.</summary>
public sealed record HistoryFile(
    IReadOnlyList<double> Loss,
    IReadOnlyList<double> Accuracy,
    IReadOnlyList<double?> ValLoss,
    IReadOnlyList<double?> ValAccuracy,
    IReadOnlyList<double> Seconds,
    IReadOnlyList<double> TrainSeconds)
{
    public static HistoryFile From(IReadOnlyList<EpochMetrics> history) => new(
        history.Select(e => e.Loss).ToList(),
        history.Select(e => e.Accuracy).ToList(),
        history.Select(e => e.ValidationLoss).ToList(),
        history.Select(e => e.ValidationAccuracy).ToList(),
        history.Select(e => e.Seconds).ToList(),
        history.Select(e => e.TrainSeconds).ToList());
}
