namespace Handwriting.Runner.Cli;

/// <summary>A command stopped by a signal after saving what it needs to continue; exits with <see cref="ExitCode"/> (130 for Ctrl+C, 143 for SIGTERM).</summary>
public sealed class RunInterruptedException : Exception
{
    public RunInterruptedException()
    {
    }

    public RunInterruptedException(string message)
        : base(message)
    {
    }

    public RunInterruptedException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public RunInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Interrupted;
}
