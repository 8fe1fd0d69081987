using System.Diagnostics;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// `handwriting` as a child process (the built handwriting.dll under `dotnet`), for what an
/// in-process run cannot show: another working folder, signals, a server that outlives a call.
/// </summary>
internal sealed class HandwritingProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private HandwritingProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public StreamReader Stdout => _process.StandardOutput;

    public static HandwritingProcess Start(string workingFolder, params string[] args) =>
        Start(workingFolder, new Dictionary<string, string>(), args);

    /// <summary>As above, with <paramref name="environment"/> added to the child's environment (never to this process's, which other tests share).</summary>
    public static HandwritingProcess Start(string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingFolder,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "handwriting.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new HandwritingProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs to the end (at most two minutes) and returns what it wrote.</summary>
    public static Task<CliRun> RunAsync(string workingFolder, params string[] args) =>
        RunAsync(workingFolder, new Dictionary<string, string>(), args);

    /// <summary>As above, with <paramref name="environment"/> added to the child's environment.</summary>
    public static async Task<CliRun> RunAsync(string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var child = Start(workingFolder, environment, args);
        return await child.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Sends a signal by name (INT, TERM) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<CliRun> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string stdout = await _process.StandardOutput.ReadToEndAsync(cancel.Token);
        await _process.WaitForExitAsync(cancel.Token);
        return new CliRun(_process.ExitCode, stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
