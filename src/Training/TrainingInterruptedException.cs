using Handwriting.Training.Checkpoints;

namespace Handwriting.Training;

/// <summary>
/// Thrown by <see cref="Trainer.Fit"/> (and so by a training session's Run) when its
/// cancellation token is cancelled: training stopped at a step boundary, and
/// <see cref="Checkpoint"/> continues it exactly.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    /// <summary>An interruption with no checkpoint.</summary>
    public TrainingInterruptedException()
    {
    }

    /// <summary>An interruption with no checkpoint, described by <paramref name="message"/>.</summary>
    public TrainingInterruptedException(string message)
        : base(message)
    {
    }

    /// <summary>An interruption with no checkpoint, caused by <paramref name="innerException"/>.</summary>
    public TrainingInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Training stopped by <paramref name="token"/> where <paramref name="checkpoint"/> continues it.</summary>
    public TrainingInterruptedException(TrainingCheckpoint checkpoint, CancellationToken token)
        : base($"training interrupted at epoch {checkpoint.Epoch}, step {checkpoint.Step}", token)
    {
        Checkpoint = checkpoint;
    }

    /// <summary>
    /// As <paramref name="interrupted"/>, after a session saved its checkpoint into the run folder
    /// <paramref name="runFolder"/> (with the options to resume it).
    /// </summary>
    public TrainingInterruptedException(TrainingInterruptedException interrupted, string runFolder)
        : base(interrupted?.Message, interrupted, interrupted?.CancellationToken ?? default)
    {
        ArgumentNullException.ThrowIfNull(interrupted);
        Checkpoint = interrupted.Checkpoint;
        RunFolder = runFolder;
    }

    /// <summary>Where training stopped, to continue it; null when the interruption has none.</summary>
    public TrainingCheckpoint? Checkpoint { get; }

    /// <summary>
    /// The run folder (a full path) that now holds checkpoint.bin and resume.json, what a
    /// session's Resume continues; null when nothing was written (no output folder).
    /// </summary>
    public string? RunFolder { get; }
}
