namespace Handwriting.Runner.Cli;

/// <summary>What `handwriting` exits with.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Missing or corrupt data, model or image; an absent accelerator; anything that failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown option, bad value.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15), as a scheduler's preemption expects.</summary>
    public const int Terminated = 143;
}
