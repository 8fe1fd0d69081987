using System.Text.Json;
using Handwriting.Runner.Tests.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// `predict` on images that hold no digit or cannot be read: blank and nearly blank images of
/// any size and colour are answered "no ink found" (no digit, no probabilities, exit code 0);
/// an image too large to decode fails in one line without decoding it.
/// </summary>
[Collection(TrainedRunCollection.Name)]
public sealed class PredictHostileImageTests(TrainedRun run) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Blank_images_of_any_size_and_colour_are_answered_no_ink_found_in_json()
    {
        string seven = _folder.File("seven.png");
        PredictCommandTests.WritePng(seven, PredictCommandTests.DrawSeven());
        string[] blanks =
        [
            Blank("white-1x1.png", 1, 1, SKColors.White),
            Blank("black-1x1.png", 1, 1, SKColors.Black),
            Blank("white-200x100.png", 200, 100, SKColors.White),
            Blank("black-200x100.png", 200, 100, SKColors.Black),
            Blank("grey-64x64.png", 64, 64, new SKColor(128, 128, 128)),
            Faint("faint-noise-120x90.png", 120, 90),
        ];

        CliRun result = CliRun.Of(["predict", "--model", run.Model, "--json", .. blanks, seven, "--accelerator", "cpu"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonElement[] predictions = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal([.. blanks, seven], predictions.Select(p => p.GetProperty("input").GetString()));
        foreach (JsonElement blank in predictions[..^1])
        {
            Assert.Equal(JsonValueKind.Null, blank.GetProperty("digit").ValueKind);
            Assert.Equal(JsonValueKind.Null, blank.GetProperty("probabilities").ValueKind);
            Assert.False(blank.GetProperty("ink_found").GetBoolean());
            Assert.Equal("no ink found", blank.GetProperty("message").GetString());
        }

        // The digit among them is still read, from the same batch.
        Assert.True(predictions[^1].GetProperty("ink_found").GetBoolean());
        Assert.Equal(7, predictions[^1].GetProperty("digit").GetInt32());
        Assert.Equal(10, predictions[^1].GetProperty("probabilities").GetArrayLength());
        Assert.False(predictions[^1].TryGetProperty("message", out _));
    }

    [Fact]
    public void A_blank_image_is_answered_no_ink_found_in_text_and_plotted_so()
    {
        string blank = Blank("white.png", 90, 90, SKColors.White);
        string plot = _folder.File("plot.png");

        CliRun result = CliRun.Of("predict", "--model", run.Model, blank, "--index", "0", "--plot", plot, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("test[0] (label 7): 7 ", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal($"{blank}: no ink found", result.StdoutLines[1]);
        Assert.Empty(result.Stderr);
        PngAssert.Valid(plot);
    }

    [Theory]
    [InlineData("huge.png", 20_000, 20_000)]
    [InlineData("huge.jpg", 32_000, 32_000)]
    [InlineData("huge.bmp", 50_000, 50_000)]
    public void An_image_whose_header_claims_too_many_pixels_fails_in_one_line_without_decoding_it(string name, int width, int height)
    {
        string huge = _folder.File(name);
        File.WriteAllBytes(huge, Path.GetExtension(name) switch
        {
            ".png" => TestImages.PngClaiming(width, height),
            ".jpg" => ImageBombs.JpegClaiming(width, height),
            _ => ImageBombs.BmpClaiming(width, height),
        });

        long before = GC.GetTotalAllocatedBytes(precise: true);
        CliRun result = CliRun.Of("predict", "--model", run.Model, huge, "--accelerator", "cpu");
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Contains($"{huge} is {width} x {height} pixels", result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        // Decoding would take gigabytes; other tests may allocate meanwhile, so the bound is loose.
        Assert.True(allocated < 256L << 20, $"predict allocated {allocated >> 20} MB");
    }

    [Theory]
    [InlineData("empty.png", new byte[0])]
    [InlineData("garbage.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0x00, 0x13, 0x37 })]
    [InlineData("text.bmp", new byte[] { (byte)'h', (byte)'i' })]
    public void Unreadable_images_fail_in_one_line_naming_the_file(string name, byte[] content)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, content);

        CliRun result = CliRun.Of("predict", "--model", run.Model, path, "--accelerator", "cpu");

        Assert.Contains(name, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    /// <summary>Paper with a faint texture: luminance 0.96..1, below the contrast that counts as ink.</summary>
    private string Faint(string name, int width, int height)
    {
        var random = new Random(5);
        using var bitmap = new SKBitmap(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte level = (byte)(245 + random.Next(11));
                bitmap.SetPixel(x, y, new SKColor(level, level, level));
            }
        }

        string path = _folder.File(name);
        File.WriteAllBytes(path, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        return path;
    }

    private string Blank(string name, int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        string path = _folder.File(name);
        File.WriteAllBytes(path, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        return path;
    }
}
