using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_the_pixels_of_a_valid_image_file()
    {
        string path = Write("train-images-idx3-ubyte", IdxBytes.Images(3));

        byte[] pixels = IdxReader.ReadImages(path);

        Assert.Equal(3 * 784, pixels.Length);
        Assert.Equal(IdxBytes.Pixel(2, 783), pixels[2 * 784 + 783]);
        Assert.Equal(IdxBytes.Pixel(1, 5), pixels[784 + 5]);
    }

    [Fact]
    public void Reads_a_valid_label_file()
    {
        string path = Write("train-labels-idx1-ubyte", IdxBytes.Labels([5, 0, 4, 1, 9]));

        Assert.Equal(new byte[] { 5, 0, 4, 1, 9 }, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Reads_an_empty_set()
    {
        string path = Write("t10k-labels-idx1-ubyte", IdxBytes.Labels([]));

        Assert.Empty(IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Refuses_a_truncated_image_file()
    {
        byte[] whole = IdxBytes.Images(3);
        string path = Write("train-images-idx3-ubyte", whole[..^10]);

        AssertFault(
            "train-images-idx3-ubyte: truncated: the header promises 3 images (2352 bytes) but 2342 bytes follow it",
            () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void Refuses_an_image_file_longer_than_its_header_promises()
    {
        string path = Write("train-images-idx3-ubyte", IdxBytes.Images(claimedCount: 2, actualCount: 3));

        AssertFault(
            "train-images-idx3-ubyte: too long: the header promises 2 images (1568 bytes) but 2352 bytes follow it",
            () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void Refuses_a_truncated_label_file()
    {
        string path = Write("t10k-labels-idx1-ubyte", IdxBytes.Labels([1, 2, 3], claimedCount: 4));

        AssertFault(
            "t10k-labels-idx1-ubyte: truncated: the header promises 4 labels (4 bytes) but 3 bytes follow it",
            () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Refuses_a_file_that_ends_inside_the_header()
    {
        string path = Write("train-images-idx3-ubyte", IdxBytes.Images(1)[..10]);

        AssertFault(
            "train-images-idx3-ubyte: ends after 10 bytes, inside the 16-byte IDX header",
            () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void Refuses_an_empty_file()
    {
        string path = Write("train-labels-idx1-ubyte", []);

        AssertFault(
            "train-labels-idx1-ubyte: ends after 0 bytes, inside the 8-byte IDX header",
            () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Refuses_a_wrong_magic_number()
    {
        string path = Write("train-images-idx3-ubyte", IdxBytes.Images(1, 1, magic: 2050));

        AssertFault(
            "train-images-idx3-ubyte: magic number 2050 where 2051 (IDX images) was expected",
            () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void Refuses_a_label_file_read_as_images()
    {
        string path = Write("train-labels-idx1-ubyte", IdxBytes.Labels([1, 2]));

        AssertFault(
            "train-labels-idx1-ubyte: magic number 2049 where 2051 (IDX images) was expected",
            () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void Refuses_images_that_are_not_28_by_28()
    {
        string path = Write("t10k-images-idx3-ubyte", IdxBytes.Images(2, 2, rows: 27, columns: 28));

        AssertFault(
            "t10k-images-idx3-ubyte: images are 27x28, expected 28x28",
            () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void Refuses_a_label_outside_0_to_9()
    {
        string path = Write("t10k-labels-idx1-ubyte", IdxBytes.Labels([7, 2, 1, 10, 4]));

        AssertFault(
            "t10k-labels-idx1-ubyte: label 10 at index 3 is outside 0..9",
            () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void A_header_claiming_2_to_the_31_images_fails_fast_without_allocating_them()
    {
        string path = Write("train-images-idx3-ubyte", IdxBytes.Images(claimedCount: 1u << 31, actualCount: 1));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(
            "train-images-idx3-ubyte: truncated: the header promises 2147483648 images (1683627180032 bytes) but 784 bytes follow it",
            error.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void A_gzipped_header_claiming_2_to_the_31_images_fails_fast_without_allocating_them()
    {
        string path = Write("train-images-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(claimedCount: 1u << 31, actualCount: 1)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith(
            "train-images-idx3-ubyte.gz: the header claims 2147483648 images (1683627180032 bytes), more than a ",
            error.Message,
            StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void Reads_a_gzipped_file_as_its_raw_content()
    {
        byte[] raw = IdxBytes.Images(4);
        string rawPath = Write("train-images-idx3-ubyte", raw);
        string gzipPath = Write("train-images-idx3-ubyte.gz", IdxBytes.Gzip(raw));

        Assert.Equal(IdxReader.ReadImages(rawPath), IdxReader.ReadImages(gzipPath));
    }

    [Fact]
    public void Reads_gzipped_labels()
    {
        string path = Write("t10k-labels-idx1-ubyte.gz", IdxBytes.Gzip(IdxBytes.Labels([7, 2, 1, 0, 4])));

        Assert.Equal(new byte[] { 7, 2, 1, 0, 4 }, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Refuses_a_gzipped_file_whose_content_is_truncated()
    {
        string path = Write("train-images-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(3)[..^1]));

        AssertFault(
            "train-images-idx3-ubyte.gz: truncated: the header promises 3 images (2352 bytes) but the decompressed data ends after 2351 bytes",
            () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void Refuses_a_gzipped_file_whose_content_is_too_long()
    {
        string path = Write("train-labels-idx1-ubyte.gz", IdxBytes.Gzip(IdxBytes.Labels([1, 2, 3], claimedCount: 2)));

        AssertFault(
            "train-labels-idx1-ubyte.gz: too long: the header promises 2 labels (2 bytes) but more decompressed data follows",
            () => IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Refuses_a_gzip_file_cut_short()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Images(3));
        string path = Write("train-images-idx3-ubyte.gz", compressed[..(compressed.Length / 2)]);

        // Whether the decompressor notices the cut or the data simply ends early, the fault must
        // be reported against this file, never as a bare stream exception.
        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadImages(path));
        Assert.StartsWith("train-images-idx3-ubyte.gz: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_gz_file_that_is_not_gzip()
    {
        string path = Write("train-labels-idx1-ubyte.gz", IdxBytes.Labels([1, 2, 3]));

        var error = Assert.Throws<MnistDataException>(() => IdxReader.ReadLabels(path));
        Assert.StartsWith("train-labels-idx1-ubyte.gz: not a valid gzip file (", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] content)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void AssertFault(string expectedMessage, Func<object> read)
    {
        var error = Assert.Throws<MnistDataException>(read);
        Assert.Equal(expectedMessage, error.Message);
    }
}
