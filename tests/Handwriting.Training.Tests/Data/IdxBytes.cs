using System.Buffers.Binary;
using System.IO.Compression;

namespace Handwriting.Training.Tests.Data;

/// <summary>
/// Builds IDX files for the tests, well-formed or deliberately broken: every header field can be
/// set independently of the data that follows it.
/// </summary>
public static class IdxBytes
{
    /// <summary>The pixel the tests put at (image, pixel): varied, and covering 0 and 255.</summary>
    public static byte Pixel(int image, int pixel) => (byte)((image * 31 + pixel * 7) % 256);

    /// <summary>An image file: header claiming <paramref name="claimedCount"/> images of rows x columns, followed by <paramref name="actualCount"/> images' worth of pixels.</summary>
    public static byte[] Images(uint claimedCount, int actualCount, uint rows = 28, uint columns = 28, int magic = 2051)
    {
        int pixelsPerImage = (int)(rows * columns);
        byte[] bytes = new byte[16 + actualCount * pixelsPerImage];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), claimedCount);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), columns);
        for (int image = 0; image < actualCount; image++)
        {
            for (int pixel = 0; pixel < pixelsPerImage; pixel++)
            {
                bytes[16 + image * pixelsPerImage + pixel] = Pixel(image, pixel);
            }
        }

        return bytes;
    }

    public static byte[] Images(int count) => Images((uint)count, count);

    /// <summary>A label file whose header claims <paramref name="claimedCount"/> (default: as many as given) labels.</summary>
    public static byte[] Labels(byte[] labels, uint? claimedCount = null, int magic = 2049)
    {
        byte[] bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), claimedCount ?? (uint)labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Labels 0, 1, ..., 9, 0, 1, ...</summary>
    public static byte[] Digits(int count) => Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();

    public static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return compressed.ToArray();
    }
}
