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
/// Raw files are checked against their length on disk before reading; gzipped ones are read in
/// chunks into a buffer that grows with the data received and stops one byte past the claim.
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

    /// <summary>The most images a file may hold: their pixels as floats must fit in one .NET array.</summary>
    public static long MaxCount { get; } = Array.MaxLength / PixelsPerImage;

    private const int ChunkBytes = 1 << 16;

    /// <summary>The pixels of every image, row-major, one byte each: Count x 28 x 28 bytes.</summary>
    public static byte[] ReadImages(string path) => Read(path, IdxKind.Images);

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

    private static byte[] Read(string path, IdxKind kind)
    {
        bool gzipped = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        using FileStream file = File.OpenRead(path);
        using Stream data = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            long count = ReadHeader(path, data, kind);
            long expected = count * kind.BytesPerItem;
            return gzipped
                ? ReadDecompressed(path, data, kind, count, expected)
                : ReadRaw(path, file, kind, count, expected);
        }
        catch (InvalidDataException e)
        {
            throw new MnistDataException($"{Path.GetFileName(path)}: not a valid gzip file ({e.Message})", e);
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

        ThrowIfBeyondCapacity(path, kind, count);
        byte[] payload = new byte[expected];
        file.ReadExactly(payload);
        return payload;
    }

    private static byte[] ReadDecompressed(string path, Stream data, IdxKind kind, long count, long expected)
    {
        // One byte past the claim is enough to tell "more than promised"; the cap keeps a lying
        // header over a huge stream from filling memory before it is caught.
        long limit = Math.Min(expected, MaxCount * kind.BytesPerItem) + 1;
        using var received = new MemoryStream();
        byte[] chunk = new byte[ChunkBytes];
        while (received.Length < limit)
        {
            int read = data.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - received.Length));
            if (read == 0)
            {
                break;
            }

            received.Write(chunk, 0, read);
        }

        if (received.Length < expected && received.Length < limit)
        {
            throw MnistDataException.ForFile(path, $"truncated: the header promises {count} {kind.Name} ({expected} bytes) but the decompressed data ends after {received.Length} bytes");
        }

        ThrowIfBeyondCapacity(path, kind, count);
        if (received.Length > expected)
        {
            throw MnistDataException.ForFile(path, $"too long: the header promises {count} {kind.Name} ({expected} bytes) but more decompressed data follows");
        }

        return received.ToArray();
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
