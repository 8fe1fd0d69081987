namespace Handwriting.Runner.Tests.Commands;

/// <summary>One `handwriting` command run in-process: its exit code and everything it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = new HandwritingCli(stdout, stderr).Run(args);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The non-empty lines the command wrote to stdout.</summary>
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Asserts the way every failure must look: <paramref name="exitCode"/>, and on stderr exactly
    /// one line, "handwriting: ...", with no stack frame. Returns that line.
    /// </summary>
    public string AssertOneLineError(int exitCode)
    {
        Assert.True(exitCode == ExitCode, $"exit code {ExitCode}, expected {exitCode}; stderr: {Stderr}");
        string[] lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string line = Assert.Single(lines);
        Assert.StartsWith("handwriting: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        return line;
    }
}
