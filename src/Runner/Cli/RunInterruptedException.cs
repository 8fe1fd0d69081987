namespace Handwriting.Runner.Cli;

/// <summary>A command stopped by Ctrl+C after saving what it needs to continue; exits with <see cref="ExitCodes.Interrupted"/>.</summary>
public sealed class RunInterruptedException : Exception
{
    public RunInterruptedException()
    {
    }

    public RunInterruptedException(string message)
        : base(message)
    {
    }

    public RunInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
