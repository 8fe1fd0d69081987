using Handwriting.Training;

namespace Handwriting.Runner.Display;

/// <summary>
/// For logs and pipes: one Keras line per epoch and nothing in between, so the trainer never
/// has to synchronise with the device inside an epoch.
/// </summary>
public sealed class PlainTrainingDisplay(TextWriter output) : ITrainingDisplay
{
    public TimeSpan ProgressInterval => Timeout.InfiniteTimeSpan;

    public T Run<T>(Func<ITrainingDisplay, T> training) => training(this);

    public void Progress(TrainingProgress progress)
    {
    }

    public void EpochEnd(EpochMetrics metrics, int epochs)
    {
        output.WriteLine(KerasLine.Format(metrics, epochs));
        output.Flush();
    }
}
