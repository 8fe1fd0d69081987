using System.Buffers.Binary;
using System.IO.Compression;
using Handwriting.Runner.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>
/// The 40-megapixel limit holds in every format read: the size comes from the header and an image
/// above the limit is refused before any pixel is decoded; formats not read are refused by name
/// whatever they claim; and a header that claims less than the file holds is decoded at the
/// claimed size, never more.
/// </summary>
public sealed class ImageLimitTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, int, int> Bombs => new()
    {
        { "png", 20_000, 20_000 },
        { "jpg", 32_000, 32_000 },
        { "bmp", 50_000, 50_000 },
        { "jpg", 8_000, 8_000 },   // 64 megapixels: just over, no longer shrunk to fit by the decoder
        { "png", 6_325, 6_325 },   // 40.005 megapixels
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_header_above_the_limit_is_refused_before_any_pixel_is_decoded(string format, int width, int height)
    {
        byte[] bomb = Bomb(format, width, height);
        Assert.True(bomb.Length < 100_000, $"the {format} bomb is {bomb.Length} bytes");
        string path = Write($"bomb.{format}", bomb);

        foreach (Func<EncodedImage> open in new Func<EncodedImage>[] { () => DigitImageFile.Open(path), () => DigitImageFile.Open(bomb, "upload") })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<ImageFileException>(() => open().Dispose());
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Contains($"is {width} x {height} pixels", error.Message, StringComparison.Ordinal);
            Assert.Contains("at most 40 megapixels can be read", error.Message, StringComparison.Ordinal);
            Assert.True(allocated < 1 << 20, $"refusing the {format} bomb allocated {allocated} bytes");
        }
    }

    [Fact]
    public void An_image_at_the_limit_is_opened_and_its_size_read_from_the_header()
    {
        using EncodedImage image = DigitImageFile.Open(ImageBombs.JpegClaiming(8_000, 5_000), "upload");

        Assert.Equal((8_000, 5_000, 40_000_000L), (image.Width, image.Height, image.Pixels));
    }

    [Fact]
    public void A_real_jpeg_over_a_lower_limit_is_refused_not_shrunk()
    {
        using SKBitmap seven = TestImages.Seven(width: 400, height: 300);
        string path = Write("large.jpg", TestImages.Encode(seven, SKEncodedImageFormat.Jpeg));

        var error = Assert.Throws<ImageFileException>(() => DigitImageFile.Read(path, maxPixels: 40_000));

        Assert.Contains("is 400 x 300 pixels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gif")]
    public void A_format_not_read_is_refused_by_name_whatever_size_it_claims(string format)
    {
        byte[] bomb = ImageBombs.GifClaiming(60_000, 60_000);

        var error = Assert.Throws<ImageFileException>(() => DigitImageFile.Read(bomb, "upload"));

        Assert.Equal($"upload is a {format.ToUpperInvariant()} image; this program reads PNG, JPEG or BMP", error.Message);
    }

    [Fact]
    public void A_jpeg_that_leaves_its_height_to_a_later_marker_is_refused()
    {
        // SOF0 height 0: the height would come from a DNL marker after the first scan, which no
        // header check could see in time; the decoder refuses such files outright.
        var error = Assert.Throws<ImageFileException>(() => DigitImageFile.Read(ImageBombs.JpegClaiming(1_000, 0), "upload"));

        Assert.StartsWith("upload ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_png_holding_far_more_rows_than_its_header_claims_is_decoded_at_the_claimed_size()
    {
        // The header says 64 x 64; the compressed data holds 64 x 20,000 rows (1.3 MB inflated).
        byte[] png = PngWithRows(64, claimedHeight: 64, storedRows: 20_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        LuminanceImage image = DigitImageFile.Read(png, "upload");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((64, 64), (image.Width, image.Height));
        Assert.True(allocated < 256 << 10, $"decoding allocated {allocated} bytes");
    }

    [Fact]
    public void A_jpeg_whose_frame_header_claims_less_than_its_scan_holds_is_decoded_at_the_claimed_size()
    {
        using SKBitmap seven = TestImages.Seven(width: 1_600, height: 1_200);
        byte[] jpeg = TestImages.Encode(seven, SKEncodedImageFormat.Jpeg);
        int frame = FindMarker(jpeg, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), 120); // height
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 7), 160); // width

        LuminanceImage image = DigitImageFile.Read(jpeg, "upload");

        Assert.Equal((160, 120), (image.Width, image.Height));
    }

    private static byte[] Bomb(string format, int width, int height) => format switch
    {
        "png" => TestImages.PngClaiming(width, height),
        "jpg" => ImageBombs.JpegClaiming(width, height),
        _ => ImageBombs.BmpClaiming(width, height),
    };

    /// <summary>A grey 8-bit PNG whose IHDR claims <paramref name="claimedHeight"/> rows and whose IDAT holds <paramref name="storedRows"/>.</summary>
    private static byte[] PngWithRows(int width, int claimedHeight, int storedRows)
    {
        byte[] claimed = TestImages.PngClaiming(width, claimedHeight);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            byte[] row = new byte[width + 1];
            Array.Fill(row, (byte)200, 1, width);
            for (int y = 0; y < storedRows; y++)
            {
                zlib.Write(row);
            }
        }

        // Signature and IHDR from the claiming file, then this IDAT and IEND.
        const int HeaderEnd = 8 + 25;
        return [.. claimed[..HeaderEnd], .. TestImages.Chunk("IDAT", compressed.ToArray()), .. TestImages.Chunk("IEND", [])];
    }

    private static int FindMarker(byte[] jpeg, byte marker)
    {
        for (int i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidDataException($"no FF{marker:X2} marker in the JPEG");
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
