using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>Loading a folder of small, test-made MNIST files.</summary>
public sealed class MnistDataTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Loads_training_and_test_sets_from_raw_and_gzipped_files()
    {
        WriteAll();

        MnistData data = MnistData.Load(_folder.Path);

        Assert.Equal(6, data.Train.Count);
        Assert.Equal(4, data.Test.Count);
        Assert.Equal(new[] { 5, 0, 4, 1, 9, 2 }, data.Train.Labels);
        Assert.Equal(new[] { 7, 2, 1, 0 }, data.Test.Labels);
        Assert.Equal(IdxBytes.Pixel(3, 100), data.Test.Pixels.Span[3 * 784 + 100]);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        WriteAll();
        File.Delete(_folder.File("t10k-labels-idx1-ubyte.gz"));

        var error = Assert.Throws<MnistDataException>(() => MnistData.Load(_folder.Path));

        Assert.Equal(
            $"t10k-labels-idx1-ubyte: not found in {_folder.Path} (neither t10k-labels-idx1-ubyte nor t10k-labels-idx1-ubyte.gz)",
            error.Message);
    }

    [Fact]
    public void A_broken_file_stops_the_load_with_its_own_message()
    {
        WriteAll();
        File.WriteAllBytes(_folder.File("train-labels-idx1-ubyte"), IdxBytes.Labels([5, 0, 4, 1, 9, 12]));

        var error = Assert.Throws<MnistDataException>(() => MnistData.Load(_folder.Path));

        Assert.Equal("train-labels-idx1-ubyte: label 12 at index 5 is outside 0..9", error.Message);
    }

    [Fact]
    public void Differing_counts_in_the_test_set_name_both_files()
    {
        WriteAll();
        File.WriteAllBytes(_folder.File("t10k-images-idx3-ubyte"), IdxBytes.Images(5));

        var error = Assert.Throws<MnistDataException>(() => MnistData.Load(_folder.Path));

        Assert.Equal("t10k-images-idx3-ubyte holds 5 images but t10k-labels-idx1-ubyte.gz holds 4 labels", error.Message);
    }

    [Fact]
    public void A_raw_file_is_preferred_over_a_gzipped_one()
    {
        WriteAll();
        File.WriteAllBytes(_folder.File("train-labels-idx1-ubyte.gz"), [0]);

        Assert.Equal(6, MnistData.Load(_folder.Path).Train.Count);
    }

    private void WriteAll()
    {
        File.WriteAllBytes(_folder.File("train-images-idx3-ubyte"), IdxBytes.Images(6));
        File.WriteAllBytes(_folder.File("train-labels-idx1-ubyte"), IdxBytes.Labels([5, 0, 4, 1, 9, 2]));
        File.WriteAllBytes(_folder.File("t10k-images-idx3-ubyte.gz"), IdxBytes.Gzip(IdxBytes.Images(4)));
        File.WriteAllBytes(_folder.File("t10k-labels-idx1-ubyte.gz"), IdxBytes.Gzip(IdxBytes.Labels([7, 2, 1, 0])));
    }
}
