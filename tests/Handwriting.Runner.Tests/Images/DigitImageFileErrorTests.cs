using Handwriting.Runner.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>Every file that is not a readable image is refused with a one-line message that names it.</summary>
public sealed class DigitImageFileErrorTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_missing_file_is_named()
    {
        AssertRefused(_folder.File("missing.png"), "does not exist");
    }

    [Fact]
    public void A_folder_is_named()
    {
        AssertRefused(_folder.Path, "is a folder, not an image file");
    }

    [Fact]
    public void An_empty_file_is_named()
    {
        AssertRefused(Write("empty.png", []), "is empty");
    }

    [Fact]
    public void A_text_file_named_png_is_not_an_image()
    {
        AssertRefused(Write("notes.png", "my digit is a seven\n"u8.ToArray()), "is not an image this program can read");
    }

    [Fact]
    public void A_png_cut_in_half_is_truncated()
    {
        using SKBitmap seven = TestImages.Seven();
        byte[] png = TestImages.Encode(seven, SKEncodedImageFormat.Png);

        AssertRefused(Write("half.png", png[..(png.Length / 2)]), "is truncated");
    }

    [Fact]
    public void A_png_cut_inside_its_header_is_truncated()
    {
        using SKBitmap seven = TestImages.Seven();
        byte[] png = TestImages.Encode(seven, SKEncodedImageFormat.Png);

        AssertRefused(Write("header.png", png[..20]), "is truncated");
    }

    [Fact]
    public void An_upload_cut_inside_its_png_header_is_called_truncated()
    {
        using SKBitmap seven = TestImages.Seven();
        byte[] png = TestImages.Encode(seven, SKEncodedImageFormat.Png);

        var error = Assert.Throws<ImageFileException>(() => DigitImageFile.Read(png[..20], "upload"));

        Assert.Equal("upload is truncated: it ends inside the PNG header", error.Message);
    }

    [Fact]
    public void A_20000_by_20000_png_is_refused_without_decoding_it()
    {
        string path = Write("huge.png", TestImages.PngClaiming(20_000, 20_000));

        long before = GC.GetAllocatedBytesForCurrentThread();
        string message = AssertRefused(path, "is 20000 x 20000 pixels (400 megapixels); at most 40 megapixels can be read");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("scale it down first", message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"reading allocated {allocated} bytes");
    }

    [Fact]
    public void A_png_whose_header_fails_its_crc_is_called_damaged_not_truncated()
    {
        using SKBitmap seven = TestImages.Seven();
        byte[] png = TestImages.Encode(seven, SKEncodedImageFormat.Png);
        png[29] ^= 0xFF; // the IHDR chunk's CRC

        string message = AssertRefused(Write("crc.png", png), "is damaged: its PNG header (the IHDR chunk) fails its CRC check");
        Assert.DoesNotContain("truncated", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifo_is_refused_without_waiting_for_a_writer()
    {
        string fifo = SpecialFiles.Fifo(_folder.File("digit.png"));

        AssertRefused(fifo, "is a FIFO, not an image file");
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string AssertRefused(string path, string expected)
    {
        var error = Assert.Throws<ImageFileException>(() => DigitImageFile.LoadDigit(path));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }
}
