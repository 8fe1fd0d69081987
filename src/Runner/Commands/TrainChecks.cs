using Handwriting.Runner.Cli;

namespace Handwriting.Runner.Commands;

/// <summary>Runs a check of the training library, whose ArgumentException means the command line asked for the impossible: a usage error (exit 2).</summary>
internal static class TrainChecks
{
    public static void Apply(Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException invalid)
        {
            throw new UsageException(invalid.Message, invalid);
        }
    }
}
