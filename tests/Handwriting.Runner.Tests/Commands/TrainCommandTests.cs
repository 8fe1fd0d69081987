using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Handwriting.Kernels.Devices;

namespace Handwriting.Runner.Tests.Commands;

[Collection(TrainedRunCollection.Name)]
public sealed class TrainCommandTests(TrainedRun run) : IDisposable
{
    private const string Number = @"\d+\.\d{4}";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_run_folder_holds_the_model_history_metrics_and_plots()
    {
        Assert.Equal(0, run.Train.ExitCode);
        Assert.Empty(run.Train.Stderr);
        Assert.True(new FileInfo(run.Model).Length > 100_000, "model.bin holds 784-128-10's 101,770 floats");
        foreach (string plot in new[] { "accuracy.png", "loss.png", "predictions.png", "confusion.png" })
        {
            PngAssert.Valid(run.File(plot));
        }

        string[] staging = Directory.GetDirectories(Path.GetDirectoryName(run.Folder)!, ".run.partial-*");
        Assert.Empty(staging);
    }

    [Fact]
    public void History_has_one_value_per_epoch_for_every_metric_and_validation_reaches_90_percent()
    {
        using var history = JsonDocument.Parse(File.ReadAllText(run.File("history.json")));

        foreach (string metric in new[] { "loss", "accuracy", "val_loss", "val_accuracy", "seconds" })
        {
            Assert.Equal(TrainedRun.Epochs, history.RootElement.GetProperty(metric).GetArrayLength());
        }

        double lastValidationAccuracy = history.RootElement.GetProperty("val_accuracy")[TrainedRun.Epochs - 1].GetDouble();
        Assert.InRange(lastValidationAccuracy, 0.90, 1.0);
    }

    [Fact]
    public void Metrics_hold_the_test_results_and_the_run_settings()
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json")));
        JsonElement root = metrics.RootElement;

        Assert.InRange(root.GetProperty("test_loss").GetDouble(), 0.0, 1.0);
        Assert.InRange(root.GetProperty("test_accuracy").GetDouble(), 0.85, 1.0);
        Assert.Equal(TrainedRun.Epochs, root.GetProperty("epochs").GetInt32());
        Assert.InRange(root.GetProperty("seconds").GetDouble(), 0.001, 3600);
        Assert.StartsWith("ILGPU CPU accelerator", root.GetProperty("device").GetString(), StringComparison.Ordinal);
        Assert.Equal(10_000, root.GetProperty("test_images").GetInt32());
        Assert.Equal((4800, 1200), (root.GetProperty("train_images").GetInt32(), root.GetProperty("validation_images").GetInt32()));
    }

    /// <summary>metrics.json says where the run's time went; called in-process, the time before Main is unknown.</summary>
    [Fact]
    public void Metrics_record_the_phases_of_the_run()
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json")));
        JsonElement phases = metrics.RootElement.GetProperty("phases");

        Assert.Equal(JsonValueKind.Null, phases.GetProperty("startup").ValueKind);
        foreach (string phase in new[] { "setup", "data", "training", "validation", "test", "plots", "files" })
        {
            Assert.True(phases.GetProperty(phase).GetDouble() > 0, $"{phase}: {phases.GetProperty(phase)}");
        }

        Assert.InRange(phases.GetProperty("compilation").GetDouble(), 0, run.Seconds); // zero where a device loads no ILGPU op

        double total = phases.GetProperty("total").GetDouble();
        Assert.Equal(new[] { "setup", "compilation", "data", "training", "validation", "test", "plots", "files" }.Sum(p => phases.GetProperty(p).GetDouble()), total, 9);
        Assert.InRange(total, 0, run.Seconds); // the phases lie within the call that ran train
    }

    [Fact]
    public void Stdout_has_a_keras_line_per_epoch_the_test_results_and_the_first_test_image()
    {
        string stdout = run.Train.Stdout;

        for (int epoch = 1; epoch <= TrainedRun.Epochs; epoch++)
        {
            Assert.Matches(
                new Regex($@"^Epoch {epoch}/{TrainedRun.Epochs} - \d+\.\ds - loss: {Number} - accuracy: {Number} - val_loss: {Number} - val_accuracy: {Number}\r?$", RegexOptions.Multiline),
                stdout);
        }

        Assert.Matches(new Regex($@"^test_loss: {Number} - test_accuracy: {Number}\r?$", RegexOptions.Multiline), stdout);

        // MNIST's first test image is a 7; its probabilities are printed as metrics.json records them.
        Match first = Regex.Match(stdout, @"^Test image 0 \(label 7\): predicted (\d); probabilities (.*)\r?$", RegexOptions.Multiline);
        Assert.True(first.Success, stdout);
        using var metrics = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json")));
        JsonElement recorded = metrics.RootElement.GetProperty("first_test_image");
        Assert.Equal(recorded.GetProperty("predicted").GetInt32(), int.Parse(first.Groups[1].Value, CultureInfo.InvariantCulture));
        string expected = string.Join("  ", recorded.GetProperty("probabilities").EnumerateArray()
            .Select((p, digit) => string.Create(CultureInfo.InvariantCulture, $"{digit}: {p.GetSingle():F4}")));
        Assert.Equal(expected, first.Groups[2].Value.TrimEnd('\r'));
    }

    [Fact]
    public void The_same_seed_gives_a_bit_identical_model_and_another_seed_a_different_one()
    {
        byte[] first = QuickModel("first", seed: 7);
        byte[] again = QuickModel("again", seed: 7);
        byte[] other = QuickModel("other", seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Epochs_below_one_are_a_usage_error()
    {
        string output = _folder.File("run");

        CliRun result = CliRun.Of("train", "--epochs", "0", "--out", output, "--accelerator", "cpu");

        Assert.Contains("--epochs", result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_hidden_width_that_is_not_a_number_is_a_usage_error()
    {
        CliRun result = CliRun.Of("train", "--hidden", "abc", "--out", _folder.File("run"), "--accelerator", "cpu");

        Assert.Contains("'abc'", result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void An_unknown_accelerator_is_a_usage_error()
    {
        CliRun result = CliRun.Of("train", "--accelerator", "gpu", "--out", _folder.File("run"));

        Assert.Contains("'gpu'", result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void An_absent_accelerator_fails_naming_those_present_and_leaves_no_folder_behind()
    {
        // CUDA where this machine has none (the usual case), else OpenCL.
        IReadOnlyList<DeviceDescription> present = DeviceCatalog.List();
        AcceleratorKind? absent = new[] { AcceleratorKind.Cuda, AcceleratorKind.OpenCL }
            .Cast<AcceleratorKind?>()
            .FirstOrDefault(kind => present.All(device => device.Kind != kind));
        Assert.True(absent is not null, "this test needs a machine that lacks CUDA or OpenCL");
        string name = absent.Value.ToString().ToLowerInvariant();

        CliRun result = CliRun.Of("train", "--accelerator", name, "--limit", "100", "--epochs", "1", "--out", _folder.File("run"));

        string message = result.AssertOneLineError(1);
        Assert.Contains($"no {name} accelerator", message, StringComparison.Ordinal);
        Assert.Contains("present: ", message, StringComparison.Ordinal);
        Assert.Contains("cpu", message, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void An_output_folder_that_holds_files_is_refused_and_left_as_it_was()
    {
        string output = Path.Combine(_folder.Path, "earlier-run");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "model.bin"), "an earlier model");

        CliRun result = CliRun.Of("train", "--out", output, "--limit", "100", "--epochs", "1", "--accelerator", "cpu");

        Assert.Contains("not empty", result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(["earlier-run"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
        Assert.Equal("an earlier model", File.ReadAllText(Path.Combine(output, "model.bin")));
    }

    [Fact]
    public void A_corrupt_data_file_fails_naming_it_and_leaves_no_run_folder()
    {
        string data = Path.Combine(_folder.Path, "data");
        MnistFolder.WriteWithGarbageTestLabels(data);
        string output = _folder.File("run");

        CliRun result = CliRun.Of("train", "--data", data, "--out", output, "--limit", "100", "--epochs", "1", "--accelerator", "cpu");

        Assert.Contains(MnistFolder.GarbageFile, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Equal(["data"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("1e20")]
    public void A_diverging_loss_stops_training_in_one_line_naming_epoch_and_step_and_leaves_no_run_folder(string learningRate)
    {
        // Adam moves each parameter by about the learning rate per step: 1e20 overflows the loss
        // within the first epoch, 1000 makes it huge but finite; both mean divergence.
        CliRun result = CliRun.Of("train", "--learning-rate", learningRate, "--limit", "3200", "--epochs", "2", "--out", _folder.File("run"), "--accelerator", "cpu");

        Assert.Matches(@"^handwriting: training diverged: the loss (became NaN|became infinite|reached \S+, far above the 1000 that means divergence) at epoch 1, step \d+; try a smaller --learning-rate$", result.AssertOneLineError(1));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    private byte[] QuickModel(string name, int seed)
    {
        string output = _folder.File(name);
        CliRun result = CliRun.Of("train", "--limit", "1200", "--epochs", "1", "--seed", $"{seed}", "--out", output, "--accelerator", "cpu");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return File.ReadAllBytes(Path.Combine(output, "model.bin"));
    }
}
