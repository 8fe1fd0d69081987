using Handwriting.Training.Model;

namespace Handwriting.Runner.Output;

/// <summary>
/// The model `predict` and `serve` use when no `--model` is given: the newest finished run under
/// `runs/` in the current folder, where `train` puts its runs by default.
/// </summary>
public static class TrainedRuns
{
    /// <summary>Where `train` writes its runs by default, relative to the current folder (see <see cref="Training.Output.RunFolder.DefaultPath"/>).</summary>
    public const string Folder = "runs";

    public const string ModelFile = "model.bin";

    /// <summary>
    /// The model.bin of the newest finished run in <paramref name="runs"/>: among its subfolders
    /// holding a model.bin, the one whose model.bin was written last (train writes it once, at the
    /// end, so this is the run finished last; a copied folder counts from when it was copied); on
    /// equal times, the greatest folder name, which for train's timestamped names is the latest
    /// start. Hidden folders (train's staging folders, `.NAME.partial-PID`) and interrupted runs
    /// (a checkpoint and no model yet) are passed over. Null when there is none.
    /// </summary>
    public static string? NewestModel(string runs)
    {
        if (!Directory.Exists(runs))
        {
            return null;
        }

        return new DirectoryInfo(runs).EnumerateDirectories()
            .Where(run => !run.Name.StartsWith('.'))
            .Select(run => new FileInfo(Path.Combine(run.FullName, ModelFile)))
            .Where(model => model.Exists)
            .OrderByDescending(model => model.LastWriteTimeUtc)
            .ThenByDescending(model => model.Directory!.Name, StringComparer.Ordinal)
            .Select(model => Path.Combine(runs, model.Directory!.Name, ModelFile))
            .FirstOrDefault();
    }

    /// <summary>
    /// <paramref name="model"/> when given; else the newest run's model under <see cref="Folder"/>
    /// in <paramref name="workingFolder"/>, named through <paramref name="say"/>; else a one-line
    /// error that says how to train one.
    /// </summary>
    public static string ModelOrNewest(string? model, string workingFolder, Action<string> say)
    {
        ArgumentNullException.ThrowIfNull(say);
        if (model is not null)
        {
            return model;
        }

        string runs = Path.Combine(workingFolder, Folder);
        string newest = NewestModel(runs)
            ?? throw new ModelFileException(
                $"no --model given and no trained run in {Folder}{Path.DirectorySeparatorChar} (a folder with a {ModelFile}): train one with 'handwriting train', or pass --model FILE");
        string shown = Path.GetRelativePath(workingFolder, newest);
        say($"Using {shown}, the newest run in {Folder}{Path.DirectorySeparatorChar} (choose another with --model FILE)");
        return newest;
    }
}
