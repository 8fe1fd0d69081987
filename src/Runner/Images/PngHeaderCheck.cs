using System.Buffers.Binary;

namespace Handwriting.Runner.Images;

/// <summary>
/// Tells a damaged PNG header from a truncated one. SkiaSharp reports both as "incomplete input";
/// a file that holds the whole IHDR chunk (signature, length, type, 13 bytes, CRC: 33 bytes) is
/// not truncated there, and the chunk's CRC-32 says whether its bytes were damaged.
/// </summary>
internal static class PngHeaderCheck
{
    private const int HeaderBytes = 33;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    private static readonly uint[] Table = BuildTable();

    /// <summary>What is wrong with the start of the PNG file at <paramref name="path"/>, in words following its path, or null if the header looks whole.</summary>
    public static string? Fault(string path)
    {
        byte[] start = new byte[HeaderBytes];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(start, HeaderBytes, throwOnEndOfStream: false);
        }

        return Fault(start.AsSpan(0, read));
    }

    /// <summary>What is wrong with a PNG file that starts with <paramref name="start"/>, or null if the header looks whole (or it is no PNG).</summary>
    public static string? Fault(ReadOnlySpan<byte> start)
    {
        if (start.Length < Signature.Length || !start[..Signature.Length].SequenceEqual(Signature))
        {
            return null;
        }

        if (start.Length < HeaderBytes)
        {
            return "is truncated: it ends inside the PNG header";
        }

        uint stored = BinaryPrimitives.ReadUInt32BigEndian(start[29..]);
        uint computed = Crc32(start.Slice(12, 17)); // chunk type and data
        return stored != computed || !start.Slice(12, 4).SequenceEqual("IHDR"u8)
            ? "is damaged: its PNG header (the IHDR chunk) fails its CRC check"
            : null;
    }

    /// <summary>The CRC-32 PNG uses (ISO 3309, polynomial 0xEDB88320).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        uint[] table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
