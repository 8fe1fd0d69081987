using System.Text.RegularExpressions;

namespace Handwriting.Runner.Tests.Commands;

public sealed class DataCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Data_prints_the_keras_split_of_mnist()
    {
        CliRun result = CliRun.Of("data");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(new Regex(@"^\s*train:\s+48000 images\r?$", RegexOptions.Multiline), result.Stdout);
        Assert.Matches(new Regex(@"^\s*validation:\s+12000 images", RegexOptions.Multiline), result.Stdout);
        Assert.Matches(new Regex(@"^\s*test:\s+10000 images\r?$", RegexOptions.Multiline), result.Stdout);
    }

    [Fact]
    public void A_corrupt_file_fails_naming_it()
    {
        MnistFolder.WriteWithGarbageTestLabels(_folder.Path);

        CliRun result = CliRun.Of("data", "--data", _folder.Path);

        Assert.Contains(MnistFolder.GarbageFile, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(4, Directory.GetFiles(_folder.Path).Length);
    }
}
