using System.Buffers.Binary;
using System.IO.Compression;

namespace Handwriting.Training.Data;

/// <summary>
/// Reads MNIST's IDX files: a big-endian header (magic number, then one 32-bit size per
/// dimension) followed by unsigned bytes. A path ending in ".gz" is decompressed on the fly.
/// Anything malformed throws a <see cref="MnistDataException"/> naming the file and the fault.
/// </summary>
/// <remarks>
/// Nothing is allocated from what a header claims until the claim has been checked against the
/// data actually there: a corrupt header must end in a message, not in an OutOfMemoryException.
/// Raw files are checked against their length on disk before reading; a gzipped one's claim is
/// bounded by its compressed length times deflate's largest expansion, and every claim by the
/// memory the process may use.
/// </remarks>
public static class IdxReader
{
    /// <summary>IDX magic for unsigned bytes in 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 2051;

    /// <summary>IDX magic for unsigned bytes in 1 dimension (count).</summary>
    public const int LabelsMagic = 2049;

    /// <summary>MNIST images are ImageSide x ImageSide pixels.</summary>
    public const int ImageSide = Mnist.Side;

    public const int PixelsPerImage = ImageSide * ImageSide;

    public const int LabelCount = Mnist.Classes;

    /// <summary>The most images a file may hold: their pixels must fit in one .NET array.</summary>
    public static long MaxCount { get; } = Array.MaxLength / PixelsPerImage;

    /// <summary>
    /// Deflate, the only gzip method, expands at most 1032-fold (a run of one repeated byte): a
    /// .gz file of N bytes cannot hold more than this many times N, whatever its header claims.
    /// </summary>
    public const long MaxDeflateRatio = 1032;

    /// <summary>The pixels of every image, row-major, one byte each: Count x 28 x 28 bytes.</summary>
    public static byte[] ReadImages(string path) => Read(path, IdxKind.Images);

    /// <summary>The number of images the header of an image file claims, checked as <see cref="ReadImages"/> checks it; reads only the header.</summary>
    public static long ReadImageCount(string path) => ReadCount(path, IdxKind.Images);

    /// <summary>The number of labels the header of a label file claims; reads only the header.</summary>
    public static long ReadLabelCount(string path) => ReadCount(path, IdxKind.Labels);

    /// <summary>One byte per image, each a digit 0..9.</summary>
    public static byte[] ReadLabels(string path)
    {
        byte[] labels = Read(path, IdxKind.Labels);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= LabelCount)
            {
                throw MnistDataException.ForFile(path, $"label {labels[i]} at index {i} is outside 0..{LabelCount - 1}");
            }
        }

        return labels;
    }

    private static long ReadCount(string path, IdxKind kind) =>
        Open(path, kind, (data, _, _) => ReadHeader(path, data, kind));

    private static byte[] Read(string path, IdxKind kind) =>
        Open(path, kind, (data, file, gzipped) =>
        {
            long count = ReadHeader(path, data, kind);
            long expected = count * kind.BytesPerItem;
            return gzipped
                ? ReadDecompressed(path, data, file.Length, kind, count, expected)
                : ReadRaw(path, file, kind, count, expected);
        });

    /// <summary>
    /// Opens the file (decompressing a ".gz" on the fly) and hands it to <paramref name="read"/>.
    /// A FIFO or a device is refused before it is opened: opening a FIFO would wait for a writer,
    /// and its length, which every check here relies on, means nothing.
    /// </summary>
    private static T Open<T>(string path, IdxKind kind, Func<Stream, FileStream, bool, T> read)
    {
        if (IO.FileStatus.WhyNotReadable(path) is string why)
        {
            throw MnistDataException.ForFile(path, why);
        }

        bool gzipped = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        using FileStream file = File.OpenRead(path);
        if (gzipped)
        {
            CheckGzipSignature(path, file);
        }

        using Stream data = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return read(data, file, gzipped);
        }
        catch (InvalidDataException e)
        {
            // GZipStream calls any damage in the deflate data "an unsupported compression method";
            // the method byte was checked above, so the truth is that the data is corrupt.
            throw MnistDataException.ForFile(path, $"a damaged gzip file: its compressed data is corrupt ({kind.Name} file; {e.GetType().Name})");
        }
    }

    /// <summary>Gzip's two signature bytes and its method byte (8, deflate: the only one defined).</summary>
    private static void CheckGzipSignature(string path, FileStream file)
    {
        Span<byte> start = stackalloc byte[3];
        int read = file.ReadAtLeast(start, 3, throwOnEndOfStream: false);
        file.Position = 0;
        if (read < 3 || start[0] != 0x1f || start[1] != 0x8b)
        {
            throw MnistDataException.ForFile(path, "not a valid gzip file (it does not start with gzip's signature bytes 1f 8b)");
        }

        if (start[2] != 8)
        {
            throw MnistDataException.ForFile(path, $"not a valid gzip file (compression method {start[2]}; gzip defines only 8, deflate)");
        }
    }

    /// <summary>Checks the magic number and dimensions; returns the item count the header claims.</summary>
    private static long ReadHeader(string path, Stream data, IdxKind kind)
    {
        Span<byte> header = stackalloc byte[kind.HeaderBytes];
        int received = data.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false);
        if (received < 4)
        {
            throw MnistDataException.ForFile(path, $"ends after {received} bytes, inside the {kind.HeaderBytes}-byte IDX header");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != kind.Magic)
        {
            throw MnistDataException.ForFile(path, $"magic number {magic} where {kind.Magic} (IDX {kind.Name}) was expected");
        }

        received += data.ReadAtLeast(header[4..], kind.HeaderBytes - 4, throwOnEndOfStream: false);
        if (received < kind.HeaderBytes)
        {
            throw MnistDataException.ForFile(path, $"ends after {received} bytes, inside the {kind.HeaderBytes}-byte IDX header");
        }

        // Sizes are unsigned in IDX: read them so, or a claim of 2^31 would show up as a negative count.
        long count = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (kind.HeaderBytes == 16)
        {
            uint rows = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
            uint columns = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
            if (rows != ImageSide || columns != ImageSide)
            {
                throw MnistDataException.ForFile(path, $"images are {rows}x{columns}, expected {ImageSide}x{ImageSide}");
            }
        }

        return count;
    }

    private static byte[] ReadRaw(string path, FileStream file, IdxKind kind, long count, long expected)
    {
        long present = file.Length - kind.HeaderBytes;
        if (present != expected)
        {
            string fault = present < expected ? "truncated" : "too long";
            throw MnistDataException.ForFile(path, $"{fault}: the header promises {count} {kind.Name} ({expected} bytes) but {present} bytes follow it");
        }

        ThrowIfImplausible(path, kind, count, file.Length, gzipped: false);
        byte[] payload = new byte[expected];
        file.ReadExactly(payload);
        return payload;
    }

    private static byte[] ReadDecompressed(string path, Stream data, long compressedLength, IdxKind kind, long count, long expected)
    {
        // Bounded before anything is allocated from the claim: by what the compressed file can
        // hold and by the memory there is. Then the payload is read into one array of exactly the
        // claimed size, and one byte more tells "longer than promised".
        ThrowIfImplausible(path, kind, count, compressedLength, gzipped: true);
        byte[] payload = new byte[expected];
        int received = data.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false);
        if (received < expected)
        {
            throw MnistDataException.ForFile(path, $"truncated: the header promises {count} {kind.Name} ({expected} bytes) but the decompressed data ends after {received} bytes");
        }

        Span<byte> beyond = stackalloc byte[1];
        if (data.Read(beyond) > 0)
        {
            throw MnistDataException.ForFile(path, $"too long: the header promises {count} {kind.Name} ({expected} bytes) but more decompressed data follows");
        }

        return payload;
    }

    /// <summary>
    /// Refuses a claim no file of this size could back (a raw file is checked exactly by its caller;
    /// a .gz can expand at most <see cref="MaxDeflateRatio"/>-fold), one beyond what this reader
    /// can hold, and one whose images would not fit in the memory this process may use (their
    /// bytes and their floats, 5 bytes a pixel).
    /// </summary>
    private static void ThrowIfImplausible(string path, IdxKind kind, long count, long fileLength, bool gzipped)
    {
        long expected = count * kind.BytesPerItem;
        if (gzipped && expected > fileLength * MaxDeflateRatio)
        {
            throw MnistDataException.ForFile(path, $"the header claims {count} {kind.Name} ({expected} bytes), more than a {fileLength}-byte gzip file can hold (deflate expands at most {MaxDeflateRatio}-fold)");
        }

        ThrowIfBeyondCapacity(path, kind, count);
        long needed = expected * (1 + sizeof(float));
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available)
        {
            throw MnistDataException.ForFile(path, $"the header claims {count} {kind.Name}, which need {needed / (1 << 20)} MiB of memory as bytes and floats; this process may use {available / (1 << 20)} MiB");
        }
    }

    private static void ThrowIfBeyondCapacity(string path, IdxKind kind, long count)
    {
        if (count > MaxCount)
        {
            throw MnistDataException.ForFile(path, $"the header claims {count} {kind.Name}, more than the {MaxCount} this reader can hold");
        }
    }

    /// <summary>What distinguishes an image file from a label file.</summary>
    private sealed record IdxKind(string Name, int Magic, int HeaderBytes, int BytesPerItem)
    {
        public static IdxKind Images { get; } = new("images", ImagesMagic, 16, PixelsPerImage);

        public static IdxKind Labels { get; } = new("labels", LabelsMagic, 8, 1);
    }
}
