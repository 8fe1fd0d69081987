using Handwriting.Runner.Cli;

namespace Handwriting.Runner.Output;

/// <summary>
/// The folder a `train` run writes into, made whole or not at all: everything is written into a
/// hidden staging folder beside the target, which is renamed to the target only once every file
/// is there. A failed or interrupted run leaves no half-filled run folder behind.
/// </summary>
public sealed class RunFolder : IDisposable
{
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

    public string PathOf(string fileName) => Path.Combine(Staging, fileName);

    /// <summary>Moves the finished run into place.</summary>
    public void Commit()
    {
        if (Directory.Exists(Target))
        {
            Directory.Delete(Target); // empty, checked in Create
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
