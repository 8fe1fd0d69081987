using System.IO.Compression;
using System.Security.Cryptography;
using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>The real data against its known facts: the originals' sizes, per-digit counts and first labels.</summary>
[Collection(RealMnistCollection.Name)]
public sealed class RealMnistTests(RealMnist mnist)
{
    [Fact]
    public void Has_60000_training_and_10000_test_images()
    {
        Assert.Equal(60_000, mnist.Data.Train.Count);
        Assert.Equal(10_000, mnist.Data.Test.Count);
        Assert.Equal(60_000 * 784, mnist.Data.Train.Pixels.Length);
        Assert.Equal(10_000 * 784, mnist.Data.Test.Pixels.Length);
    }

    [Fact]
    public void Training_labels_have_the_known_per_digit_counts()
    {
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], CountPerDigit(mnist.Data.Train));
    }

    [Fact]
    public void Test_labels_have_the_known_per_digit_counts()
    {
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], CountPerDigit(mnist.Data.Test));
    }

    [Fact]
    public void The_first_labels_are_the_known_ones()
    {
        Assert.Equal([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], mnist.Data.Train.Labels[..10]);
        Assert.Equal([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], mnist.Data.Test.Labels[..10]);
    }

    [Fact]
    public void Keras_split_gives_48000_and_12000_with_the_last_images_held_out()
    {
        (ImageSet training, ImageSet validation) = mnist.Data.Train.Split(0.2);

        Assert.Equal(48_000, training.Count);
        Assert.Equal(12_000, validation.Count);
        Assert.Equal(mnist.Data.Train.Labels[48_000..], validation.Labels);
        Assert.Equal(mnist.Data.Train.ImageBytes(48_000).ToArray(), validation.ImageBytes(0).ToArray());
    }

    [Fact]
    public void Pixels_are_bytes_that_reach_both_ends()
    {
        foreach (ImageSet set in new[] { mnist.Data.Train, mnist.Data.Test })
        {
            byte[] pixels = set.Pixels.ToArray();
            Assert.Equal(0, pixels.Min());
            Assert.Equal(255, pixels.Max());
        }
    }

    [Fact]
    public void The_files_hold_the_known_bytes()
    {
        foreach (MnistFile file in MnistFiles.All)
        {
            string path = file.FindIn(mnist.Directory) ?? throw new FileNotFoundException($"{file.Name} not in {mnist.Directory}");
            Assert.Equal(file.Sha256, Sha256OfContent(path));
        }
    }

    private static int[] CountPerDigit(ImageSet set)
    {
        int[] counts = new int[10];
        foreach (int label in set.Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    // A user may have placed gzipped copies: the checksums are of the decompressed bytes.
    private static string Sha256OfContent(string path)
    {
        using FileStream file = File.OpenRead(path);
        using Stream content = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }
}
