using System.Buffers.Binary;

namespace Handwriting.Runner.Tests.Images;

/// <summary>
/// Small files whose headers claim huge images: what a decompression bomb looks like to a decoder
/// that trusts its header. Also linked into benchmarks/Handwriting.ServeLoad, which uploads them.
/// </summary>
internal static class ImageBombs
{
    /// <summary>
    /// A baseline JPEG of one grey component that says it is <paramref name="width"/> x
    /// <paramref name="height"/>: a quantisation table, the frame header (SOF0) with that size,
    /// Huffman tables of one symbol each (a DC difference of 0, an end of block) and no scan data
    /// at all, which a decoder fills in as flat grey. A few hundred bytes for any size; a height
    /// of 0 leaves the height to a DNL marker after the scan, as the standard allows.
    /// </summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        byte[] quantisation = [0x00, .. Enumerable.Repeat((byte)1, 64)];
        byte[] frame = [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0];
        byte[] oneSymbol = [1, .. new byte[15], 0x00]; // one code of length 1, for symbol 0
        byte[] scan = [1, 1, 0x00, 0, 63, 0];
        return
        [
            0xFF, 0xD8,
            .. Segment(0xDB, quantisation),
            .. Segment(0xC0, frame),
            .. Segment(0xC4, [0x00, .. oneSymbol]), // DC table 0
            .. Segment(0xC4, [0x10, .. oneSymbol]), // AC table 0
            .. Segment(0xDA, scan),
            0xFF, 0xD9,
        ];
    }

    /// <summary>A 24-bit BMP header that says it is <paramref name="width"/> x <paramref name="height"/>, followed by a few pixels.</summary>
    public static byte[] BmpClaiming(int width, int height)
    {
        byte[] bytes = new byte[54 + 64];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        return bytes;
    }

    /// <summary>A GIF header (logical screen and one image descriptor) that says it is <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] GifClaiming(int width, int height)
    {
        byte[] size = [(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)];
        return
        [
            .. "GIF89a"u8, .. size, 0x80, 0, 0,   // global colour table of 2 entries
            0, 0, 0, 255, 255, 255,
            0x2C, 0, 0, 0, 0, .. size, 0,         // image descriptor
            2, 2, 0x4C, 0x01, 0,                  // LZW minimum code size 2, one sub-block
            0x3B,
        ];
    }

    private static byte[] Segment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
}
