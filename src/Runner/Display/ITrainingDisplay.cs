using Handwriting.Training;

namespace Handwriting.Runner.Display;

/// <summary>How `train` shows an epoch going by: a live bar on a terminal, plain lines otherwise.</summary>
public interface ITrainingDisplay
{
    /// <summary>How often the trainer should report progress; each report costs one device synchronisation.</summary>
    TimeSpan ProgressInterval { get; }

    /// <summary>Runs the training inside the display (a live display owns the terminal meanwhile).</summary>
    T Run<T>(Func<ITrainingDisplay, T> training);

    void Progress(TrainingProgress progress);

    void EpochEnd(EpochMetrics metrics, int epochs);
}
