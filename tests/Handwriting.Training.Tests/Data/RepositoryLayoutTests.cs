using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>The layout the project was specified with: a top-level data folder, present in a fresh clone.</summary>
public sealed class RepositoryLayoutTests
{
    [Fact]
    public void The_data_folder_is_in_the_repository_with_a_readme_and_the_readme_is_not_ignored()
    {
        string root = RepositoryRoot.FindFrom(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no repository root above the test binaries");
        string readme = Path.Combine(root, "data", "README.md");

        Assert.True(File.Exists(readme), $"{readme} is missing");
        Assert.Contains("data/mnist", File.ReadAllText(readme), StringComparison.Ordinal);
        string[] ignored = File.ReadAllLines(Path.Combine(root, ".gitignore"));
        Assert.DoesNotContain(ignored, line => line.Trim() is "data/" or "data" or "/data" or "/data/");
    }
}
