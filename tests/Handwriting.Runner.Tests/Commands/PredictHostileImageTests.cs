using System.Text.Json;
using Handwriting.Runner.Tests.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// `predict` on images that hold no digit or cannot be read: blank images of any size and
/// colour have a defined answer (they prepare to the all-zero input, as an empty MNIST field);
/// an image too large to decode fails in one line without decoding it.
/// </summary>
[Collection(TrainedRunCollection.Name)]
public sealed class PredictHostileImageTests(TrainedRun run) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Blank_images_of_any_size_and_colour_all_get_the_answer_of_an_empty_field()
    {
        string[] images =
        [
            Blank("white-1x1.png", 1, 1, SKColors.White),
            Blank("black-1x1.png", 1, 1, SKColors.Black),
            Blank("white-200x100.png", 200, 100, SKColors.White),
            Blank("black-200x100.png", 200, 100, SKColors.Black),
            Blank("grey-64x64.png", 64, 64, new SKColor(128, 128, 128)),
        ];

        CliRun result = CliRun.Of(["predict", "--model", run.Model, "--json", .. images, "--accelerator", "cpu"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonElement[] predictions = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(images.Length, predictions.Length);
        var answers = predictions.Select(p => p.GetProperty("probabilities").GetRawText()).Distinct().ToArray();
        Assert.Single(answers);
        double[] probabilities = predictions[0].GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.All(probabilities, p => Assert.True(double.IsFinite(p) && p >= 0 && p <= 1, $"probability {p}"));
        Assert.Equal(1.0, probabilities.Sum(), 1e-4);
    }

    [Fact]
    public void A_20000_by_20000_image_fails_in_one_line_without_decoding_it()
    {
        string huge = _folder.File("huge.png");
        File.WriteAllBytes(huge, TestImages.PngClaiming(20_000, 20_000));

        long before = GC.GetTotalAllocatedBytes(precise: true);
        CliRun result = CliRun.Of("predict", "--model", run.Model, huge, "--accelerator", "cpu");
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Contains("20000 x 20000 pixels", result.AssertOneLineError(1), StringComparison.Ordinal);
        // Decoding would take 1.6 GB; other tests may allocate meanwhile, so the bound is loose.
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

    private string Blank(string name, int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        string path = _folder.File(name);
        File.WriteAllBytes(path, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        return path;
    }
}
