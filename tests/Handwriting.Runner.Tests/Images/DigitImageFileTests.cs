using Handwriting.Runner.Images;
using Handwriting.Training.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

public sealed class DigitImageFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_png_decodes_to_the_luminance_that_was_drawn()
    {
        using SKBitmap seven = TestImages.Seven();
        string path = Write("seven.png", TestImages.Encode(seven, SKEncodedImageFormat.Png));

        LuminanceImage image = DigitImageFile.Read(path);

        Assert.Equal((120, 100), (image.Width, image.Height));
        Assert.Equal(TestImages.Luminance(seven), image.Luminance, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void A_bmp_decodes_to_the_luminance_that_was_drawn()
    {
        using SKBitmap seven = TestImages.Seven(width: 61, height: 47);
        string path = Write("seven.bmp", TestImages.Bmp(seven));

        LuminanceImage image = DigitImageFile.Read(path);

        Assert.Equal((61, 47), (image.Width, image.Height));
        Assert.Equal(TestImages.Luminance(seven), image.Luminance, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void A_jpeg_decodes_close_to_the_luminance_that_was_drawn()
    {
        using SKBitmap seven = TestImages.Seven();
        string path = Write("seven.jpg", TestImages.Encode(seven, SKEncodedImageFormat.Jpeg, quality: 95));

        LuminanceImage image = DigitImageFile.Read(path);

        Assert.Equal((120, 100), (image.Width, image.Height));
        float[] drawn = TestImages.Luminance(seven);
        double meanError = drawn.Zip(image.Luminance, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 0.02, $"mean error {meanError}");
    }

    [Theory]
    [InlineData("seven.png", SKEncodedImageFormat.Png)]
    [InlineData("seven.jpg", SKEncodedImageFormat.Jpeg)]
    public void A_digit_file_prepares_like_the_drawn_digit(string name, SKEncodedImageFormat format)
    {
        using SKBitmap seven = TestImages.Seven();
        string path = Write(name, TestImages.Encode(seven, format));

        float[] fromFile = DigitImageFile.LoadDigit(path);
        float[] fromDrawing = DigitPreparation.Prepare(TestImages.Luminance(seven), seven.Width, seven.Height);

        Assert.Equal(784, fromFile.Length);
        Assert.True(fromFile.Max() > 0.99f);
        double meanError = fromDrawing.Zip(fromFile, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 0.02, $"mean error {meanError}");
    }

    [Fact]
    public void Transparent_pixels_are_composited_over_white()
    {
        using SKBitmap seven = TestImages.Seven(background: SKColors.Transparent);
        string path = Write("transparent.png", TestImages.Encode(seven, SKEncodedImageFormat.Png));
        using SKBitmap onWhite = TestImages.Seven();

        LuminanceImage image = DigitImageFile.Read(path);

        Assert.Equal(1f, image.Luminance[0]);
        Assert.Equal(TestImages.Luminance(onWhite), image.Luminance, (a, b) => Math.Abs(a - b) < 0.01f);
    }

    [Fact]
    public void Colours_become_rec_601_luma()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(3, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.SetPixel(0, 0, new SKColor(255, 0, 0));
        bitmap.SetPixel(1, 0, new SKColor(0, 255, 0));
        bitmap.SetPixel(2, 0, new SKColor(0, 0, 255));
        string path = Write("colours.png", TestImages.Encode(bitmap, SKEncodedImageFormat.Png));

        LuminanceImage image = DigitImageFile.Read(path);

        Assert.Equal([0.299f, 0.587f, 0.114f], image.Luminance, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void A_sideways_photo_is_turned_upright_by_its_exif_orientation()
    {
        // Stored 60 wide and 40 tall with ink at the top left; EXIF 6 says "rotate 90 degrees clockwise to view".
        using var stored = new SKBitmap(new SKImageInfo(60, 40, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(stored))
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = SKColors.Black };
            canvas.DrawRect(0, 0, 20, 10, ink);
        }

        string path = Write("sideways.jpg", TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg), 6));

        LuminanceImage image = DigitImageFile.Read(path);

        Assert.Equal((40, 60), (image.Width, image.Height));
        Assert.True(image.Luminance[(5 * 40) + 35] < 0.2f, "ink should be at the top right once upright");
        Assert.True(image.Luminance[(5 * 40) + 5] > 0.8f, "the top left should be paper once upright");
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
