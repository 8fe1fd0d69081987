using System.Net;
using Handwriting.Runner.Serve;
using Handwriting.Runner.Tests.Commands;

namespace Handwriting.Runner.Tests.Serve;

/// <summary>`handwriting serve` as a user runs it: its address printed, a clean stop on Ctrl+C and SIGTERM, and bad options refused in one line.</summary>
[Collection(TrainedRunCollection.Name)]
public sealed class ServeCommandTests(TrainedRun run) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [PosixTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Serve_prints_its_loopback_address_answers_and_stops_cleanly_on_a_signal(string signal)
    {
        using var server = HandwritingProcess.Start(_folder.Path, "serve", "--model", run.Model, "--port", "0", "--accelerator", "cpu");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string first = await server.Stdout.ReadLineAsync(timeout.Token) ?? "";
        Assert.Matches(@"^Serving 784-128-10 on .* at http://127\.0\.0\.1:\d+/$", first);
        var address = new Uri(first[(first.LastIndexOf(" at ", StringComparison.Ordinal) + 4)..]);
        using (var client = new HttpClient { BaseAddress = address })
        {
            using HttpResponseMessage page = await client.GetAsync("", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await server.SignalAsync(signal);
        CliRun stopped = await server.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stopped.ExitCode == 0, $"exit code {stopped.ExitCode}; stderr: {stopped.Stderr}");
        Assert.Equal("Server stopped.", stopped.StdoutLines[^1]);
        Assert.Empty(stopped.Stderr);
    }

    [Theory]
    [InlineData("--host", "example.com", "--host example.com: not an IP address")]
    [InlineData("--host", "1", "--host 1: not an IP address")]
    [InlineData("--port", "70000", "--port 70000: a port is 0..65535")]
    [InlineData("--port", "-1", "--port -1: a port is 0..65535")]
    public void Bad_options_fail_in_one_line_before_anything_is_loaded(string option, string value, string expected)
    {
        CliRun result = CliRun.Of("serve", "--model", run.Model, option, value, "--accelerator", "cpu");

        Assert.Contains(expected, result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_missing_model_fails_in_one_line_naming_it()
    {
        string missing = _folder.File("missing.bin");

        CliRun result = CliRun.Of("serve", "--model", missing, "--port", "0", "--accelerator", "cpu");

        Assert.Contains(missing, result.AssertOneLineError(1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("192.168.1.20", false)]
    public void Only_loopback_listens_without_a_warning(string host, bool loopback)
    {
        string? warning = ServeCommand.ExposureWarning(ServeCommand.ParseHost(host), 8028);

        if (loopback)
        {
            Assert.Null(warning);
        }
        else
        {
            Assert.NotNull(warning);
            Assert.Contains("anyone who can reach port 8028", warning, StringComparison.Ordinal);
        }
    }
}

/// <summary>A theory that needs kill(1), a POSIX tool; reported as skipped, with the reason, on Windows.</summary>
public sealed class PosixTheoryAttribute : TheoryAttribute
{
    public PosixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "sends signals with kill(1), which Windows lacks";
        }
    }
}
