using System.Globalization;
using System.Text.RegularExpressions;
using Handwriting.Training.IO;

namespace Handwriting.Training.Output;

/// <summary>
/// The folder a training session (`train`) writes into, claimed when the run starts and filled
/// only when it ends. Claiming creates the folder (or takes an existing empty one, such as a mount point) and
/// a lock file in it, <see cref="LockFile"/>, made with an exclusive create: a second run into the
/// same folder fails at once, before it loads anything. Files are written into a hidden staging
/// folder inside it and moved into place when every one is written, the lock last; a failed run
/// leaves the folder as it found it (removed if the run created it).
/// <para>
/// An interrupted run (Ctrl+C, SIGTERM) is <see cref="Suspend"/>ed instead: the folder then
/// holds only <see cref="CheckpointFile"/> and <see cref="ResumeFile.Name"/>, what
/// `train --resume DIR` needs. A resumed run (<see cref="Resume"/>) claims the folder again and,
/// at its commit, replaces those two files with the finished run.
/// </para>
/// <para>
/// A run killed outright (SIGKILL, power loss) leaves its lock and staging folder behind; the
/// lock names its process, so the next run that meets it (in the same folder, or in a sibling
/// of its folder) sees that the process is gone and sweeps them.
/// </para>
/// </summary>
public sealed partial class RunFolder : IDisposable
{
    /// <summary>The trainer's checkpoint in an interrupted run's folder.</summary>
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>Marks a folder as claimed by a running `train`: "PID created|existing".</summary>
    public const string LockFile = ".train.lock";

    /// <summary>Where files are written until the run is complete.</summary>
    public const string StagingFolder = ".staging";

    private const string CreatedMark = "created";

    private static readonly string[] ResumeFiles = [CheckpointFile, ResumeFile.Name];

    private readonly bool _created;
    private readonly bool _resumed;
    private bool _released;

    private RunFolder(string target, bool created, bool resumed)
    {
        Target = target;
        _created = created;
        _resumed = resumed;
        Directory.CreateDirectory(Staging);
    }

    /// <summary>Where the run ends up (a full path).</summary>
    public string Target { get; }

    /// <summary>Where files are written meanwhile.</summary>
    public string Staging => Path.Combine(Target, StagingFolder);

    /// <summary>`runs/20261124-031500` under the current directory.</summary>
    public static string DefaultPath(DateTime utcNow) =>
        Path.Combine("runs", utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>
    /// Claims <paramref name="target"/> for a new run: it must not exist, or be an empty folder.
    /// With <paramref name="numberIfTaken"/> (the default timestamped name) a taken name becomes
    /// NAME-2, NAME-3, ... instead of an error, so two runs started in the same second both run.
    /// </summary>
    public static RunFolder Claim(string target, bool numberIfTaken)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        string full = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(full) ?? throw new TrainingSettingsException($"--out {target}: names no folder");
        Directory.CreateDirectory(parent);
        SweepStale(parent);
        for (int attempt = 1; ; attempt++)
        {
            string candidate = attempt == 1 ? full : $"{full}-{attempt}";
            string shown = attempt == 1 ? target : $"{target}-{attempt}";
            string? refusal = TryClaim(candidate, shown, out RunFolder? run);
            if (run is not null)
            {
                return run;
            }

            if (!numberIfTaken || attempt >= 1000)
            {
                throw new TrainingSettingsException(refusal!);
            }
        }
    }

    /// <summary>Claims the folder of an interrupted run to continue it; it must hold only its resume files.</summary>
    public static RunFolder Resume(string target)
    {
        string full = Path.GetFullPath(target);
        if (!TakeLock(full, created: false, out string? holder))
        {
            throw new TrainingSettingsException($"--resume {target}: {holder}");
        }

        var unexpected = Entries(full).Where(name => !ResumeFiles.Contains(name)).ToList();
        if (unexpected.Count > 0)
        {
            File.Delete(Path.Combine(full, LockFile));
            throw new TrainingSettingsException($"--resume {target}: the folder holds {string.Join(", ", unexpected)}, not only an interrupted run's {string.Join(" and ", ResumeFiles)}");
        }

        return new RunFolder(full, created: false, resumed: true);
    }

    /// <summary>
    /// For an interrupted run: lets <paramref name="writeResumeFiles"/> write the checkpoint and
    /// the resume options into the folder (each atomically), drops the staging folder and the lock.
    /// </summary>
    public void Suspend(Action<string> writeResumeFiles)
    {
        ArgumentNullException.ThrowIfNull(writeResumeFiles);
        writeResumeFiles(Target);
        Release(removeIfCreated: false);
    }

    /// <summary>Where the run writes <paramref name="fileName"/> until <see cref="Commit"/> moves it into <see cref="Target"/>.</summary>
    public string PathOf(string fileName) => Path.Combine(Staging, fileName);

    /// <summary>Moves the finished run's files into place (renames within one folder), then drops the lock; returns their paths in <see cref="Target"/>.</summary>
    public IReadOnlyList<string> Commit()
    {
        if (_resumed)
        {
            foreach (string name in ResumeFiles)
            {
                File.Delete(Path.Combine(Target, name));
            }
        }

        var moved = new List<string>();
        foreach (string file in Directory.GetFiles(Staging))
        {
            string destination = Path.Combine(Target, Path.GetFileName(file));
            File.Move(file, destination);
            moved.Add(destination);
        }

        Release(removeIfCreated: false);
        return moved;
    }

    /// <summary>For a run that failed (or was never committed): drops the staging folder and the lock, and the folder itself when the run created it and it is empty.</summary>
    public void Dispose() => Release(removeIfCreated: true);

    private void Release(bool removeIfCreated)
    {
        if (_released)
        {
            return;
        }

        _released = true;
        if (Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }

        File.Delete(Path.Combine(Target, LockFile));
        if (removeIfCreated && _created && !Directory.EnumerateFileSystemEntries(Target).Any())
        {
            Directory.Delete(Target);
        }
    }

    /// <summary>Claims one candidate folder, or says why it cannot be claimed.</summary>
    private static string? TryClaim(string full, string shown, out RunFolder? run)
    {
        run = null;
        if (File.Exists(full))
        {
            return $"--out {shown}: is a file, not a folder";
        }

        bool created = !Directory.Exists(full);
        Directory.CreateDirectory(full);
        if (!TakeLock(full, created, out string? holder))
        {
            return $"--out {shown}: {holder}";
        }

        if (Entries(full).Any())
        {
            File.Delete(Path.Combine(full, LockFile));
            return $"--out {shown}: the folder already exists and is not empty";
        }

        run = new RunFolder(full, created, resumed: false);
        return null;
    }

    /// <summary>
    /// Creates the lock file exclusively (O_EXCL: of two runs, exactly one succeeds). A lock whose
    /// process is gone is stale: its run's staging folder is swept and the lock taken over.
    /// </summary>
    private static bool TakeLock(string folder, bool created, out string? holder)
    {
        string lockPath = Path.Combine(folder, LockFile);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} {(created ? CreatedMark : "existing")}\n"));
                holder = null;
                return true;
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                if (LockOwner(lockPath) is { } owner && Leftovers.IsAlive(owner.Pid))
                {
                    holder = $"another train run (process {owner.Pid}) is writing into this folder";
                    return false;
                }

                RemoveStaleRun(folder, removeFolder: false);
            }
        }

        holder = "its lock file could not be taken";
        return false;
    }

    /// <summary>What is in a run folder besides our own lock and staging folder.</summary>
    private static IEnumerable<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder)
            .Select(path => Path.GetFileName(path))
            .Where(name => name is not LockFile and not StagingFolder);

    private static (int Pid, bool Created)? LockOwner(string lockPath)
    {
        try
        {
            string[] fields = File.ReadAllText(lockPath).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return fields.Length >= 1 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                ? (pid, fields.Length >= 2 && fields[1] == CreatedMark)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sweeps the leftovers of killed runs among the folder's children: run folders whose lock
    /// names a process that is gone (their staging folder and lock; the folder too if that run
    /// created it and nothing else is in it), and the staging folders of earlier versions
    /// (".NAME.partial-PID", beside the run folder). Best effort, never in the way of the run.
    /// </summary>
    private static void SweepStale(string parent)
    {
        try
        {
            foreach (string child in Directory.EnumerateDirectories(parent).ToList())
            {
                string name = Path.GetFileName(child);
                if (OldStaging().Match(name) is { Success: true } old
                    && int.TryParse(old.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int oldPid)
                    && !Leftovers.IsAlive(oldPid))
                {
                    Directory.Delete(child, recursive: true);
                    continue;
                }

                string lockPath = Path.Combine(child, LockFile);
                if (File.Exists(lockPath) && LockOwner(lockPath) is { } owner && !Leftovers.IsAlive(owner.Pid))
                {
                    RemoveStaleRun(child, removeFolder: owner.Created);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveStaleRun(string folder, bool removeFolder)
    {
        string staging = Path.Combine(folder, StagingFolder);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        File.Delete(Path.Combine(folder, LockFile));
        if (removeFolder && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }

    [GeneratedRegex(@"^\..+\.partial-(?<pid>\d+)$")]
    private static partial Regex OldStaging();
}
