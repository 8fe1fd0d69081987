using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>
/// IDX files that pass a naive check: headers that claim more than the file can hold, a pair
/// whose counts disagree, FIFOs, damaged gzip data. Each must fail at once, naming the file,
/// before anything is allocated from the claim.
/// </summary>
public sealed class HostileIdxTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Counts_of_a_pair_are_compared_before_any_pixel_is_decompressed()
    {
        // A header claiming a million images with one image of data: reading the pixels first
        // would allocate or decompress before the mismatch with the 10 labels is noticed.
        string images = Write("t10k-images-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(claimedCount: 1_000_000, actualCount: 1)));
        string labels = Write("t10k-labels-idx1-ubyte", IdxBytes.Labels(IdxBytes.Digits(10)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MnistDataException>(() => ImageSet.Load(images, labels));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("t10k-images-idx3-ubyte.gz holds 1000000 images but t10k-labels-idx1-ubyte holds 10 labels", error.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void A_gzip_claim_beyond_what_its_compressed_size_can_expand_to_is_refused_before_decompressing()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Images(claimedCount: 1_000_000, actualCount: 2));
        string images = Write("train-images-idx3-ubyte.gz", compressed);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadImages(images));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(
            $"train-images-idx3-ubyte.gz: the header claims 1000000 images (784000000 bytes), more than a {compressed.Length}-byte gzip file can hold (deflate expands at most 1032-fold)",
            error.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void A_gzip_claim_that_fits_the_ratio_is_read_into_one_array_of_its_size()
    {
        // 2,000 blank images compress about 1000-fold: the claim is plausible and true. The
        // reader must allocate about the payload once, not a growing buffer and a copy of it.
        byte[] raw = IdxBytes.Images(claimedCount: 2000, actualCount: 0).Concat(new byte[2000 * 784]).ToArray();
        string images = Write("train-images-idx3-ubyte.gz", IdxBytes.Gzip(raw));

        long before = GC.GetAllocatedBytesForCurrentThread();
        byte[] pixels = IdxReader.ReadImages(images);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2000 * 784, pixels.Length);
        Assert.InRange(allocated, pixels.Length, pixels.Length + (1 << 20));
    }

    [Fact]
    public async Task A_fifo_is_refused_naming_it_without_waiting_for_a_writer()
    {
        string fifo = SpecialFiles.Fifo(_folder.File("train-labels-idx1-ubyte"));

        // WaitAsync throws a TimeoutException if reading hangs on the FIFO.
        var error = await Task.Run(() => Assert.Throws<MnistDataException>(() => IdxReader.ReadLabels(fifo))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("train-labels-idx1-ubyte: is a FIFO, not a regular file", error.Message);
    }

    [Fact]
    public void A_folder_named_like_an_idx_file_is_refused_naming_it()
    {
        Directory.CreateDirectory(_folder.File("t10k-images-idx3-ubyte"));

        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadImages(_folder.File("t10k-images-idx3-ubyte")));

        Assert.Equal("t10k-images-idx3-ubyte: is a folder, not a file", error.Message);
    }

    [Fact]
    public void Corrupt_deflate_data_is_called_corrupt_not_an_unsupported_method()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Images(50));
        for (int i = 20; i < compressed.Length - 8; i++)
        {
            compressed[i] ^= 0x5a;
        }

        string path = Write("train-images-idx3-ubyte.gz", compressed);

        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith("train-images-idx3-ubyte.gz: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("compression method", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_header_with_another_method_says_so()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Labels([1, 2]));
        compressed[2] = 7;
        string path = Write("train-labels-idx1-ubyte.gz", compressed);

        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal("train-labels-idx1-ubyte.gz: not a valid gzip file (compression method 7; gzip defines only 8, deflate)", error.Message);
    }

    private string Write(string name, byte[] content)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
