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

    [PosixFact]
    public async Task On_every_address_serve_says_to_open_loopback_and_that_address_answers()
    {
        using var server = HandwritingProcess.Start(_folder.Path, "serve", "--model", run.Model, "--host", "0.0.0.0", "--port", "0", "--accelerator", "cpu");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string first = await server.Stdout.ReadLineAsync(timeout.Token) ?? "";
        string second = await server.Stdout.ReadLineAsync(timeout.Token) ?? "";

        Assert.Matches(@"^Serving 784-128-10 on .* on every address of this machine, port \d+$", first);
        Assert.Matches(@"^Open http://127\.0\.0\.1:\d+/ in a browser on this machine", second);
        Assert.DoesNotContain("0.0.0.0", first + second, StringComparison.Ordinal);
        var here = new Uri(second.Split(' ')[1]);
        using (var client = new HttpClient { BaseAddress = here })
        {
            using HttpResponseMessage page = await client.GetAsync("", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await server.SignalAsync("TERM");
        CliRun stopped = await server.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopped.ExitCode == 0, $"exit code {stopped.ExitCode}; stderr: {stopped.Stderr}");
        Assert.Contains("listening on 0.0.0.0, not only on this machine", stopped.Stderr, StringComparison.Ordinal);
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
    [InlineData("*", false)]
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

/// <summary>What `serve` tells a person to open when it listens on every address: never the wildcard itself.</summary>
public sealed class OpenableAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("*")]
    public void A_wildcard_host_is_opened_at_loopback_here_and_at_real_addresses_elsewhere(string host)
    {
        IPAddress address = ServeCommand.ParseHost(host);

        Assert.True(OpenableAddresses.IsWildcard(address));
        Assert.Equal(new Uri("http://127.0.0.1:8028/"), OpenableAddresses.Here(address, 8028));
        IReadOnlyList<Uri> elsewhere = OpenableAddresses.Elsewhere(address, 8028);
        Assert.All(elsewhere, url =>
        {
            Assert.Equal(8028, url.Port);
            Assert.False(url.IsLoopback, $"{url} is this machine only");
            Assert.DoesNotContain(url.Host, new[] { "0.0.0.0", "[::]", "*" });
        });
        string name = Dns.GetHostName();
        if (Uri.CheckHostName(name) == UriHostNameType.Dns && name != "localhost")
        {
            Assert.Equal(new Uri($"http://{name}:8028/"), elsewhere[0]);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:8028/")]
    [InlineData("::1", "http://[::1]:8028/")]
    [InlineData("192.168.1.20", "http://192.168.1.20:8028/")]
    public void A_specific_host_is_opened_at_itself(string host, string expected)
    {
        IPAddress address = ServeCommand.ParseHost(host);

        Assert.Equal(new Uri(expected), OpenableAddresses.Here(address, 8028));
        Assert.Empty(OpenableAddresses.Elsewhere(address, 8028));
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
