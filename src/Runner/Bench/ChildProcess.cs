using System.Diagnostics;

namespace Handwriting.Runner.Bench;

/// <summary>Runs a whole program as people would and times it from start to exit; on Linux also its peak memory.</summary>
public static class ChildProcess
{
    /// <summary>How often the child's peak resident set is read while it runs.</summary>
    private static readonly TimeSpan Sampling = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How the program ended. <paramref name="PeakResidentBytes"/> is its peak resident set
    /// (VmHWM), null where it could not be read (not Linux, or the child ended before the first read).
    /// </summary>
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, double WallSeconds, long? PeakResidentBytes = null);

    /// <summary>
    /// Runs the program to its end. Its peak memory is the kernel's high-water mark of its resident
    /// set, VmHWM in /proc/PID/status, read every 10 ms while it runs (a high-water mark: a later
    /// read is never lower), so what the child adds in its last 10 ms before exit can be missed.
    /// wait4's ru_maxrss would have no such gap but is no measure here: a child spawned from a large
    /// process (bench, with MNIST loaded) inherits the parent's high-water mark at exec.
    /// </summary>
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
        string status = $"/proc/{process.Id}/status";
        long? peak = null;
        while (!process.WaitForExit(Sampling))
        {
            peak = HighWaterMark(status) ?? peak;
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalMinutes:F0} minutes");
            }
        }

        double wall = clock.Elapsed.TotalSeconds;
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result, wall, peak);
    }

    /// <summary>VmHWM from a /proc/PID/status file, in bytes; null where there is none (not Linux, or the process has gone).</summary>
    public static long? HighWaterMark(string statusPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(statusPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return HighWaterMarkIn(text);
    }

    /// <summary>The "VmHWM:   123456 kB" line of a status text, in bytes; null when it has none (a zombie's status has no Vm lines).</summary>
    public static long? HighWaterMarkIn(string status)
    {
        foreach (string line in status.Split('\n'))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                string[] parts = line["VmHWM:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); // tabs and spaces
                return parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : null;
            }
        }

        return null;
    }

    /// <summary>How to start this very program again: the apphost, or `dotnet handwriting.dll`.</summary>
    public static (string FileName, string[] Prefix) Self()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        bool viaDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return viaDotnet ? (host, [typeof(ChildProcess).Assembly.Location]) : (host, []);
    }
}
