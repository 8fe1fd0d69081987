using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>The same order through the real MNIST_DIR variable and this test run's own folders.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class MnistDirectoryEnvironmentTests
{
    [Fact]
    public void Data_option_beats_MNIST_DIR_beats_the_repository_default()
    {
        string? saved = Environment.GetEnvironmentVariable(MnistDirectory.EnvironmentVariable);
        string fromVariable = Path.Combine(Path.GetTempPath(), "mnist-from-variable");
        string fromOption = Path.Combine(Path.GetTempPath(), "mnist-from-option");
        // The tests run from bin/ inside the repository, so walking up finds Handwriting.sln.
        string repository = RepositoryRoot.FindFrom(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException($"no Handwriting.sln above {Environment.CurrentDirectory}");
        try
        {
            Environment.SetEnvironmentVariable(MnistDirectory.EnvironmentVariable, fromVariable);
            Assert.Equal(fromOption, MnistDirectory.Resolve(fromOption));
            Assert.Equal(fromVariable, MnistDirectory.Resolve(null));

            Environment.SetEnvironmentVariable(MnistDirectory.EnvironmentVariable, null);
            Assert.Equal(Path.Combine(repository, "data", "mnist"), MnistDirectory.Resolve(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(MnistDirectory.EnvironmentVariable, saved);
        }
    }
}
