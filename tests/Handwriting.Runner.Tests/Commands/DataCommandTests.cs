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
    public void Data_says_which_files_are_the_originals_and_which_were_only_checked_for_structure()
    {
        CliRun real = CliRun.Of("data");
        MnistFolder.WriteValid(_folder.Path, 10, 10);
        CliRun small = CliRun.Of("data", "--data", _folder.Path);

        Assert.True(real.ExitCode == 0, real.Stderr);
        Assert.Contains("t10k-labels-idx1-ubyte: the original MNIST file (SHA-256 verified)", real.Stdout, StringComparison.Ordinal);
        Assert.True(small.ExitCode == 0, small.Stderr);
        Assert.Contains("train-images-idx3-ubyte: not the original MNIST file (SHA-256 differs); its IDX structure was checked, its content was not", small.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("SHA-256 verified", small.Stdout, StringComparison.Ordinal);
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
