using System.Diagnostics;
using System.Globalization;

namespace Handwriting.Training.IO;

/// <summary>
/// Names for the temporary files and folders this program makes, each carrying the id of the
/// process that made it, so that a later run can tell its own stale leftovers (their process is
/// gone: killed, or the machine went down) from another live run's work, and sweep them.
/// <para>
/// A temporary name is "{prefix}{pid}-{random}{suffix}". Only names of that exact form are ever
/// swept, and only when no process of that id runs: a reused id keeps a leftover a while longer,
/// never deletes a live run's work.
/// </para>
/// </summary>
public static class Leftovers
{
    /// <summary>A fresh temporary name owned by this process.</summary>
    public static string NewName(string prefix, string suffix) =>
        $"{prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}{suffix}";

    /// <summary>Deletes the files in <paramref name="folder"/> named by <see cref="NewName"/> with these affixes whose process is gone. Best effort.</summary>
    public static void SweepFiles(string folder, string prefix, string suffix) =>
        Sweep(folder, prefix, suffix, directories: false);

    /// <summary>Deletes, with their contents, the folders in <paramref name="folder"/> named by <see cref="NewName"/> with these affixes whose process is gone. Best effort.</summary>
    public static void SweepFolders(string folder, string prefix, string suffix) =>
        Sweep(folder, prefix, suffix, directories: true);

    /// <summary>The process id in a name made by <see cref="NewName"/>, or null for any other name.</summary>
    public static int? OwnerOf(string name, string prefix, string suffix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal) || name.Length <= prefix.Length + suffix.Length)
        {
            return null;
        }

        string middle = name[prefix.Length..^suffix.Length];
        int dash = middle.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(middle.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && middle.Length - dash - 1 == 32
            ? pid
            : null;
    }

    /// <summary>Whether a process of this id runs (this one included).</summary>
    public static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Sweep(string folder, string prefix, string suffix, bool directories)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        try
        {
            string pattern = prefix + "*" + suffix;
            var entries = directories ? Directory.EnumerateDirectories(folder, pattern) : Directory.EnumerateFiles(folder, pattern);
            foreach (string entry in entries.ToList())
            {
                if (OwnerOf(Path.GetFileName(entry), prefix, suffix) is int pid && !IsAlive(pid))
                {
                    Delete(entry, directories);
                }
            }
        }
        catch (IOException)
        {
            // Sweeping is housekeeping: it must never stand in the way of the command itself.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Delete(string entry, bool directory)
    {
        try
        {
            if (directory)
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
