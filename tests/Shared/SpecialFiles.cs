using System.Diagnostics;
using Xunit;

namespace Handwriting.Tests.Shared;

/// <summary>Makes the non-regular files the hostile-input tests need, with the system's own tools.</summary>
internal static class SpecialFiles
{
    /// <summary>A FIFO at <paramref name="path"/> (mkfifo).</summary>
    public static string Fifo(string path)
    {
        Run("mkfifo", path);
        return path;
    }

    /// <summary>Runs a tool and fails the test if it fails.</summary>
    public static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {error}");
        return output.Trim();
    }
}
