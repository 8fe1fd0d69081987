using Handwriting.Training.Checkpoints;

namespace Handwriting.Training;

/// <summary>
/// Thrown by <see cref="Trainer.Fit"/> when its cancellation token is cancelled: training stopped
/// at a step boundary, and <see cref="Checkpoint"/> continues it exactly.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    public TrainingInterruptedException()
    {
    }

    public TrainingInterruptedException(string message)
        : base(message)
    {
    }

    public TrainingInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrainingInterruptedException(TrainingCheckpoint checkpoint, CancellationToken token)
        : base($"training interrupted at epoch {checkpoint.Epoch}, step {checkpoint.Step}", token)
    {
        Checkpoint = checkpoint;
    }

    public TrainingCheckpoint? Checkpoint { get; }
}
