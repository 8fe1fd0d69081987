using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Handwriting.Runner.Tests.Commands;

[Collection(TrainedRunCollection.Name)]
public sealed class EvaluateCommandTests(TrainedRun run) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Evaluate_prints_the_test_results_per_class_accuracy_and_the_confusion_matrix_and_writes_nothing_unasked()
    {
        string model = _folder.File("model.bin");
        File.Copy(run.Model, model);

        CliRun result = CliRun.Of("evaluate", "--model", model, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(new Regex(@"^test_loss: \d+\.\d{4} - test_accuracy: \d+\.\d{4}\r?$", RegexOptions.Multiline), result.Stdout);
        Assert.Matches(new Regex(@"^Per-class accuracy: 0: \d\.\d{4}(  \d: \d\.\d{4}){9}\r?$", RegexOptions.Multiline), result.Stdout);
        int[][] rows = ConfusionRows(result.Stdout);
        Assert.Equal(10, rows.Length);
        Assert.All(rows, row => Assert.Equal(10, row.Length));
        Assert.Equal(10_000, rows.Sum(row => row.Sum()));
        // Evaluating only reads: without --plot no file appears (the model's folder may be read-only).
        Assert.Equal(["model.bin"], _folder.FileNames());
        Assert.DoesNotContain("Confusion matrix plot", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_json_agrees_with_the_metrics_of_the_run_and_the_plot_goes_where_asked()
    {
        string plot = _folder.File("confusion.png");

        CliRun result = CliRun.Of("evaluate", "--model", run.Model, "--json", "--plot", plot, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        using var metrics = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json")));
        Assert.Equal(metrics.RootElement.GetProperty("test_accuracy").GetDouble(), json.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(10, json.RootElement.GetProperty("per_class_accuracy").GetArrayLength());
        int[][] confusion = json.RootElement.GetProperty("confusion_matrix").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(count => count.GetInt32()).ToArray())
            .ToArray();
        Assert.Equal(10, confusion.Length);
        Assert.All(confusion, row => Assert.Equal(10, row.Length));
        Assert.Equal(10_000, confusion.Sum(row => row.Sum()));
        double diagonal = Enumerable.Range(0, 10).Sum(digit => confusion[digit][digit]);
        Assert.Equal(json.RootElement.GetProperty("test_accuracy").GetDouble(), diagonal / 10_000, 1e-6);
        PngAssert.Valid(plot);
        Assert.Equal(plot, json.RootElement.GetProperty("confusion_plot").GetString());
        Assert.False(File.Exists(run.File("confusion-test.png")), "nothing is written beside the model");
    }

    [Fact]
    public void A_missing_model_fails_naming_it()
    {
        string missing = _folder.File("missing.bin");

        CliRun result = CliRun.Of("evaluate", "--model", missing, "--accelerator", "cpu");

        Assert.Contains(missing, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_truncated_model_fails_naming_it()
    {
        string model = _folder.File("truncated.bin");
        byte[] bytes = File.ReadAllBytes(run.Model);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);

        CliRun result = CliRun.Of("evaluate", "--model", model, "--accelerator", "cpu");

        string message = result.AssertOneLineError(1);
        Assert.Contains(model, message, StringComparison.Ordinal);
        Assert.Contains("truncated", message, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(["truncated.bin"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_model_with_a_flipped_bit_fails_naming_it()
    {
        string model = _folder.File("flipped.bin");
        byte[] bytes = File.ReadAllBytes(run.Model);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(model, bytes);

        CliRun result = CliRun.Of("evaluate", "--model", model, "--accelerator", "cpu");

        string message = result.AssertOneLineError(1);
        Assert.Contains(model, message, StringComparison.Ordinal);
        Assert.Contains("checksum", message, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(["flipped.bin"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    /// <summary>The 10 rows of digits under "Confusion matrix", each the true digit then its 10 counts.</summary>
    private static int[][] ConfusionRows(string stdout)
    {
        string[] lines = stdout.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        int title = Array.FindIndex(lines, line => line.StartsWith("Confusion matrix (rows: true digit", StringComparison.Ordinal));
        Assert.True(title >= 0, stdout);
        Assert.Equal("0 1 2 3 4 5 6 7 8 9", string.Join(' ', lines[title + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        return Enumerable.Range(0, 10).Select(digit =>
        {
            int[] numbers = lines[title + 2 + digit].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(number => int.Parse(number, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(digit, numbers[0]);
            return numbers[1..];
        }).ToArray();
    }
}
