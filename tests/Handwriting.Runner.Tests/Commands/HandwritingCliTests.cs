
namespace Handwriting.Runner.Tests.Commands;

/// <summary>What every command shares: usage errors from the parser, and --verbose.</summary>
public sealed class HandwritingCliTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        CliRun result = CliRun.Of("train", "--bogus", "--out", _folder.File("run"));

        Assert.Contains("--bogus", result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_after_the_one_line_message()
    {
        string missing = _folder.File("missing.bin");

        CliRun result = CliRun.Of("evaluate", "--model", missing, "--accelerator", "cpu", "--verbose");

        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("handwriting: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(missing, lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("   at ", StringComparison.Ordinal));
        Assert.Empty(result.Stdout);
    }
}
