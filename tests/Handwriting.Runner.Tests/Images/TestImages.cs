using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>Image files for tests: digits drawn with SkiaSharp, and bytes that Skia's encoders cannot write.</summary>
internal static class TestImages
{
    /// <summary>A black "7" with a round pen on a white page, off centre.</summary>
    public static SKBitmap Seven(int width = 120, int height = 100, SKColor? background = null)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(background ?? SKColors.White);
        using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 7, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
        canvas.DrawLine(20, 15, 62, 15, pen);
        canvas.DrawLine(62, 15, 35, 80, pen);
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 95)
    {
        using SKData data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>Luminance the way DigitImageFile defines it, for comparison.</summary>
    public static float[] Luminance(SKBitmap bitmap)
    {
        float[] luminance = new float[bitmap.Width * bitmap.Height];
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                float luma = ((0.299f * c.Red) + (0.587f * c.Green) + (0.114f * c.Blue)) / 255f;
                luminance[(y * bitmap.Width) + x] = (luma * c.Alpha / 255f) + (1f - (c.Alpha / 255f));
            }
        }

        return luminance;
    }

    /// <summary>An uncompressed 24-bit BMP (Skia has no BMP encoder).</summary>
    public static byte[] Bmp(SKBitmap bitmap)
    {
        int rowBytes = ((bitmap.Width * 3) + 3) & ~3;
        byte[] bytes = new byte[54 + (rowBytes * bitmap.Height)];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), bitmap.Width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), bitmap.Height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        for (int y = 0; y < bitmap.Height; y++)
        {
            // BMP rows run bottom-up, pixels as B, G, R.
            int row = 54 + ((bitmap.Height - 1 - y) * rowBytes);
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                bytes[row + (3 * x)] = c.Blue;
                bytes[row + (3 * x) + 1] = c.Green;
                bytes[row + (3 * x) + 2] = c.Red;
            }
        }

        return bytes;
    }

    /// <summary>
    /// A PNG whose header claims <paramref name="width"/> x <paramref name="height"/> but which holds
    /// the data of a few rows only: decoding it at full size would need width x height x 4 bytes.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 0;  // grayscale
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(new byte[(width + 1) * 4]);
        }

        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        return [.. signature, .. Chunk("IHDR", header), .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", [])];
    }

    /// <summary>A JPEG with an EXIF APP1 segment recording the given orientation (1 to 8).</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,  // big-endian TIFF header, first IFD at 8
            0, 1,                                      // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0,  // Orientation, SHORT, 1
            0, 0, 0, 0,                                // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        byte[] segment = [0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        byte[] chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFF_FFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
