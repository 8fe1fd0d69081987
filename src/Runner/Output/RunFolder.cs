using Handwriting.Runner.Cli;

namespace Handwriting.Runner.Output;

/// <summary>
/// The folder a `train` run writes into, made whole or not at all: everything is written into a
/// hidden staging folder beside the target, which is renamed to the target only once every file
/// is there. A failed run leaves no half-filled run folder behind.
/// <para>
/// An interrupted run (Ctrl+C) is <see cref="Suspend"/>ed instead: the target then holds only
/// <see cref="CheckpointFile"/> and <see cref="ResumeFile.Name"/>, what `train --resume DIR`
/// needs. A resumed run (<see cref="Resume"/>) stages as any other and, at its commit, replaces
/// those two files with the finished run.
/// </para>
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>The trainer's checkpoint in an interrupted run's folder.</summary>
    public const string CheckpointFile = "checkpoint.bin";

    private static readonly string[] ResumeFiles = [CheckpointFile, ResumeFile.Name];

    private bool _committed;

    private RunFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>Where the run ends up.</summary>
    public string Target { get; }

    /// <summary>Where files are written meanwhile.</summary>
    public string Staging { get; }

    /// <summary>`runs/20261124-031500` under the current directory.</summary>
    public static string DefaultPath(DateTime utcNow) =>
        Path.Combine("runs", utcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Refuses a target that already holds files, so no earlier run is overwritten. Touches nothing.</summary>
    public static void Check(string target)
    {
        string full = Path.GetFullPath(target);
        if (File.Exists(full))
        {
            throw new UsageException($"--out {target}: is a file, not a folder");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new UsageException($"--out {target}: the folder already exists and is not empty");
        }
    }

    /// <summary>Checks the target (see <see cref="Check"/>) and creates the staging folder beside it.</summary>
    public static RunFolder Create(string target)
    {
        Check(target);
        string full = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}");
        Directory.CreateDirectory(staging);
        return new RunFolder(full, staging);
    }

    /// <summary>Stages a run that continues the interrupted one in <paramref name="target"/>, which must hold only its resume files.</summary>
    public static RunFolder Resume(string target)
    {
        string full = Path.GetFullPath(target);
        var unexpected = Directory.Exists(full)
            ? Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Where(name => !ResumeFiles.Contains(name)).ToList()
            : [];
        if (unexpected.Count > 0)
        {
            throw new UsageException($"--resume {target}: the folder holds {string.Join(", ", unexpected)}, not only an interrupted run's {string.Join(" and ", ResumeFiles)}");
        }

        string parent = Path.GetDirectoryName(full) ?? ".";
        string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}");
        Directory.CreateDirectory(staging);
        return new RunFolder(full, staging);
    }

    /// <summary>
    /// For an interrupted run: creates the target if needed, lets <paramref name="writeResumeFiles"/>
    /// write the checkpoint and the resume options into it (each atomically), and drops the staging folder.
    /// </summary>
    public void Suspend(Action<string> writeResumeFiles)
    {
        ArgumentNullException.ThrowIfNull(writeResumeFiles);
        Directory.CreateDirectory(Target);
        writeResumeFiles(Target);
        Dispose();
    }

    public string PathOf(string fileName) => Path.Combine(Staging, fileName);

    /// <summary>Moves the finished run into place.</summary>
    public void Commit()
    {
        if (Directory.Exists(Target))
        {
            // Empty (checked in Create), or holding only the resume files of the run this one continued.
            foreach (string name in ResumeFiles)
            {
                File.Delete(Path.Combine(Target, name));
            }

            Directory.Delete(Target);
        }

        Directory.Move(Staging, Target);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }
}
