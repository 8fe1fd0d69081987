using Handwriting.Kernels.Devices;
using Handwriting.Training.Output;

namespace Handwriting.Training.Sessions;

/// <summary>
/// What a caller of <see cref="TrainingSession.Run"/> hears of the run, in this order. Every
/// member has a default that does nothing: implement only those you need. All are called on the
/// thread that called Run, except <see cref="OnMessage"/> (see there).
/// </summary>
public interface ITrainingObserver
{
    /// <summary>How often <see cref="OnProgress"/> comes inside an epoch; each costs one device synchronisation. The default, <see cref="Timeout.InfiniteTimeSpan"/>, reports only at epoch ends.</summary>
    TimeSpan ProgressInterval => Timeout.InfiniteTimeSpan;

    /// <summary>A line about the data, such as the MNIST fetch's progress (MNIST is fetched on the calling thread; when all files are present they are read on a worker thread, which says nothing).</summary>
    void OnMessage(string message)
    {
    }

    /// <summary>The device is open and MNIST read; what trains, and what an automatic choice passed over (<see cref="ComputeDevice.SkippedAccelerators"/>).</summary>
    void OnDeviceOpened(ComputeDevice device)
    {
    }

    /// <summary>The images are on the device and the network built: training starts next.</summary>
    void OnTrainingStarting(TrainingPlan plan)
    {
    }

    /// <summary>
    /// Runs <paramref name="training"/>, the training loop, and returns its history: a display
    /// that must enclose the loop (a live terminal bar) overrides this; the default just runs it.
    /// </summary>
    IReadOnlyList<EpochMetrics> WrapTraining(Func<IReadOnlyList<EpochMetrics>> training) =>
        (training ?? throw new ArgumentNullException(nameof(training)))();

    /// <summary>The running loss and accuracy inside an epoch (at most once per <see cref="ProgressInterval"/>), and once more as each epoch ends.</summary>
    void OnProgress(TrainingProgress progress)
    {
    }

    /// <summary>An epoch ended: its line of the history (Keras's).</summary>
    void OnEpochEnded(EpochMetrics epoch)
    {
    }

    /// <summary>The trained network scored the test set; <paramref name="first"/> is the notebook's look at its first image.</summary>
    void OnEvaluated(EvaluationResult test, FirstTestImage first)
    {
    }

    /// <summary>
    /// Only with an output folder, after the test and before model.bin, history.json and
    /// metrics.json are written: a chance to add files (plots) to the run, each written to
    /// <paramref name="pathOf"/>(its name), which puts it beside the others when the run commits.
    /// The time spent here is metrics.json's phases.plots.
    /// </summary>
    void OnWritingFiles(TrainingOutcome outcome, Func<string, string> pathOf)
    {
    }
}
