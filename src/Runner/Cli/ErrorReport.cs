using Handwriting.Kernels.Devices;
using Handwriting.Training;
using Handwriting.Training.IO;

namespace Handwriting.Runner.Cli;

/// <summary>
/// Turns an exception into what a user sees: one line on stderr and an exit code; the whole
/// exception only with --verbose. Expected faults (bad files, absent devices, bad options) read
/// as plain sentences; anything else is labelled an internal error so it gets reported.
/// </summary>
public static class ErrorReport
{
    public static int Write(Exception exception, TextWriter error, bool verbose)
    {
        var (code, message) = Describe(exception);
        error.WriteLine($"handwriting: {message}");
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        return code;
    }

    private static (int Code, string Message) Describe(Exception exception) => exception switch
    {
        RunInterruptedException interrupted => (interrupted.ExitCode, OneLine(interrupted.Message)),
        StoppedBySignalException stopped => (stopped.ExitCode, OneLine(stopped.Message)),
        UsageException or TrainingSettingsException => (ExitCodes.Usage, $"{exception.Message} (see 'handwriting --help')"),
        DeviceNotFoundException or IOException or UnauthorizedAccessException or InvalidDataException =>
            (ExitCodes.Failure, OneLine(exception.Message)),
        _ when IsExpected(exception) => (ExitCodes.Failure, OneLine(exception.Message)),
        _ => (ExitCodes.Failure, $"internal error: {exception.GetType().Name}: {OneLine(exception.Message)} (run with --verbose for details)"),
    };

    /// <summary>Our own exception types for bad inputs all end in "Exception" and live in Handwriting namespaces.</summary>
    private static bool IsExpected(Exception exception) =>
        exception.GetType().Namespace?.StartsWith("Handwriting.", StringComparison.Ordinal) == true;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
