namespace Handwriting.Training.IO;

/// <summary>Work stopped by SIGINT or SIGTERM after cleaning up; the process exits with <see cref="ExitCode"/> (128 + the signal's number).</summary>
public sealed class StoppedBySignalException : Exception
{
    public StoppedBySignalException()
    {
    }

    public StoppedBySignalException(string message)
        : base(message)
    {
    }

    public StoppedBySignalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoppedBySignalException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; } = 130;
}
