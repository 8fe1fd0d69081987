namespace Handwriting.Training.Data;

/// <summary>
/// The folder holding Handwriting.sln, found by walking up from a starting folder. Runs started
/// from bin/Release/... or from a test host still find the repository's data folder this way.
/// </summary>
public static class RepositoryRoot
{
    public const string SolutionFileName = "Handwriting.sln";

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Handwriting.sln, or null.</summary>
    public static string? FindFrom(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
