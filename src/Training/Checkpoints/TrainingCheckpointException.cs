namespace Handwriting.Training.Checkpoints;

/// <summary>A checkpoint that cannot be used: one line naming the file (or the mismatch) and the problem.</summary>
public sealed class TrainingCheckpointException : Exception
{
    public TrainingCheckpointException()
    {
    }

    public TrainingCheckpointException(string message)
        : base(message)
    {
    }

    public TrainingCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
