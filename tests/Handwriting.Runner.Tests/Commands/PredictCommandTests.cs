using System.Text.Json;
using System.Text.RegularExpressions;
using Handwriting.Runner.Tests.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Commands;

[Collection(TrainedRunCollection.Name)]
public sealed class PredictCommandTests(TrainedRun run) : IDisposable
{
    private const string Share = @"\d+\.\d%";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Predict_prints_the_top_three_digits_of_each_test_image()
    {
        CliRun result = CliRun.Of("predict", "--model", run.Model, "--index", "0", "1", "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(2, result.StdoutLines.Length);
        // MNIST's first two test images are a 7 and a 2.
        Assert.Matches(new Regex($@"^test\[0\] \(label 7\): 7 {Share} \| \d {Share} \| \d {Share}$"), result.StdoutLines[0]);
        Assert.Matches(new Regex($@"^test\[1\] \(label 2\): \d {Share} \| \d {Share} \| \d {Share}$"), result.StdoutLines[1]);
    }

    [Fact]
    public void Predict_json_gives_each_input_its_digit_and_ten_probabilities_and_plot_draws_them()
    {
        string plot = _folder.File("predictions.png");

        CliRun result = CliRun.Of("predict", "--model", run.Model, "--index", "0", "1", "--json", "--plot", plot, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonElement[] predictions = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["test[0]", "test[1]"], predictions.Select(p => p.GetProperty("input").GetString()));
        foreach (JsonElement prediction in predictions)
        {
            double[] probabilities = prediction.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
            Assert.Equal(10, probabilities.Length);
            Assert.All(probabilities, p => Assert.InRange(p, 0.0, 1.0));
            Assert.Equal(1.0, probabilities.Sum(), 1e-4);
            Assert.Equal(Array.IndexOf(probabilities, probabilities.Max()), prediction.GetProperty("digit").GetInt32());
        }

        Assert.Equal(7, predictions[0].GetProperty("digit").GetInt32());
        PngAssert.Valid(plot);
    }

    [Fact]
    public void A_digit_drawn_dark_on_light_and_off_centre_is_recognised()
    {
        string image = _folder.File("seven.png");
        WritePng(image, DrawSeven());

        CliRun result = CliRun.Of("predict", "--model", run.Model, "--json", image, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonElement prediction = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        Assert.Equal(image, prediction.GetProperty("input").GetString());
        Assert.True(prediction.GetProperty("digit").GetInt32() == 7, result.Stdout);
    }

    [Fact]
    public void No_input_is_a_usage_error()
    {
        CliRun result = CliRun.Of("predict", "--model", run.Model, "--accelerator", "cpu");

        Assert.Contains("--index", result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void An_index_past_the_test_set_is_a_usage_error()
    {
        CliRun result = CliRun.Of("predict", "--model", run.Model, "--index", "10000", "--accelerator", "cpu");

        Assert.Contains("--index 10000", result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_file_that_is_not_an_image_fails_naming_it_and_nothing_is_drawn()
    {
        string notAnImage = _folder.File("notanimage.png");
        File.WriteAllText(notAnImage, "this is text, not a PNG");
        string plot = _folder.File("predictions.png");

        CliRun result = CliRun.Of("predict", "--model", run.Model, "--plot", plot, notAnImage, "--index", "0", "--accelerator", "cpu");

        Assert.Contains(notAnImage, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.False(File.Exists(plot));
    }

    [Fact]
    public void An_empty_image_file_fails_naming_it()
    {
        string empty = _folder.File("empty.png");
        File.WriteAllBytes(empty, []);

        CliRun result = CliRun.Of("predict", "--model", run.Model, empty, "--accelerator", "cpu");

        string message = result.AssertOneLineError(1);
        Assert.Contains(empty, message, StringComparison.Ordinal);
        Assert.Contains("empty", message[(message.IndexOf(empty, StringComparison.Ordinal) + empty.Length)..], StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_plot_in_a_missing_folder_fails_naming_the_plot()
    {
        string plot = Path.Combine(_folder.Path, "missing", "predictions.png");

        CliRun result = CliRun.Of("predict", "--model", run.Model, "--index", "0", "--plot", plot, "--accelerator", "cpu");

        string message = result.AssertOneLineError(1);
        Assert.Contains(plot, message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", message, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    /// <summary>A thick black "7" on a white 200x120 page, well left of centre and high.</summary>
    internal static SKBitmap DrawSeven()
    {
        var bitmap = new SKBitmap(new SKImageInfo(200, 120, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 9, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
        canvas.DrawLine(25, 12, 75, 12, pen);
        canvas.DrawLine(75, 12, 45, 85, pen);
        return bitmap;
    }

    internal static void WritePng(string path, SKBitmap bitmap)
    {
        using (bitmap)
        {
            File.WriteAllBytes(path, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        }
    }
}
