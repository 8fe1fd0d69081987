using System.Diagnostics;

namespace Handwriting.Runner.Bench;

/// <summary>Runs a whole program as people would and times it from start to exit.</summary>
public static class ChildProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, double WallSeconds);

    public static Outcome Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalMinutes:F0} minutes");
        }

        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed.TotalSeconds);
    }

    /// <summary>How to start this very program again: the apphost, or `dotnet handwriting.dll`.</summary>
    public static (string FileName, string[] Prefix) Self()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        bool viaDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return viaDotnet ? (host, [typeof(ChildProcess).Assembly.Location]) : (host, []);
    }
}
