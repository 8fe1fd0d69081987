using System.Text.Json;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training;
using Handwriting.Training.Output;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>`train --lr-schedule`, `--weight-decay` and large batches: their errors, metrics.json and resume.json.</summary>
public sealed class TrainScheduleTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--lr-schedule", "linear", "'linear'")]
    [InlineData("--weight-decay", "-0.01", "--weight-decay")]
    [InlineData("--weight-decay", "Infinity", "--weight-decay")]
    public void A_bad_schedule_or_weight_decay_is_a_usage_error(string option, string value, string named)
    {
        CliRun result = CliRun.Of("train", option, value, "--out", _folder.File("run"), "--accelerator", "cpu");

        Assert.Contains(named, result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Theory]
    [InlineData("--lr-schedule", "cosine")]
    [InlineData("--weight-decay", "0.01")]
    public void Resume_takes_no_schedule_or_weight_decay(string option, string value)
    {
        CliRun result = CliRun.Of("train", "--resume", _folder.Path, option, value, "--accelerator", "cpu");

        Assert.Contains($"{option} cannot be given with --resume", result.AssertOneLineError(2), StringComparison.Ordinal);
    }

    /// <summary>3,000 images in batches of 1,024: two full batches and a short one per epoch.</summary>
    [Fact]
    public void A_cosine_adamw_run_in_batches_of_1024_trains_and_records_its_settings()
    {
        string output = _folder.File("run");

        CliRun result = CliRun.Of(
            "train", "--limit", "3000", "--validation-split", "0", "--epochs", "3", "--batch-size", "1024",
            "--learning-rate", "0.01", "--lr-schedule", "cosine", "--weight-decay", "0.01", "--out", output, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        JsonElement root = metrics.RootElement;
        Assert.Equal(1024, root.GetProperty("batch_size").GetInt32());
        Assert.Equal("cosine", root.GetProperty("lr_schedule").GetString());
        Assert.Equal(0.01f, root.GetProperty("weight_decay").GetSingle());
        Assert.Equal(3000, root.GetProperty("train_images").GetInt32());
        Assert.InRange(root.GetProperty("test_accuracy").GetDouble(), 0.75, 1.0);
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "history.json")));
        double[] losses = [.. history.RootElement.GetProperty("loss").EnumerateArray().Select(e => e.GetDouble())];
        Assert.True(losses[^1] < losses[0], $"the loss falls: {string.Join(", ", losses)}");
    }

    [Fact]
    public void Resume_json_keeps_the_schedule_and_the_weight_decay()
    {
        var options = new TrainingOptions
        {
            Epochs = 3,
            BatchSize = 1024,
            Adam = new AdamSettings(0.004f, WeightDecay: 0.02f),
            Schedule = LearningRateSchedule.Step,
            Limit = 5000,
        };
        string path = _folder.File(ResumeFile.Name);

        ResumeFile.From(options).Write(path);
        var read = ResumeFile.Read(path);

        Assert.Contains("\"lr_schedule\": \"step\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal((options.Schedule, options.Adam, options.BatchSize, options.Epochs, options.Limit), (read.Schedule, read.Adam, read.BatchSize, read.Epochs, read.Limit));
    }

    [Fact]
    public void A_resume_json_from_before_schedules_means_constant_and_no_decay()
    {
        string path = _folder.File(ResumeFile.Name);
        File.WriteAllText(path, """{"epochs": 1, "batch_size": 32, "hidden": [128], "dropout": 0.2, "learning_rate": 0.001, "validation_split": 0.2, "seed": 0, "limit": 100}""");

        var read = ResumeFile.Read(path);

        Assert.Equal((LearningRateSchedule.Constant, 0f), (read.Schedule, read.Adam.WeightDecay));
    }

    [Theory]
    [InlineData("\"lr_schedule\": \"linear\"", "'linear'")]
    [InlineData("\"weight_decay\": -1", "--weight-decay")]
    public void A_resume_json_with_a_bad_schedule_or_decay_is_refused_naming_it(string field, string named)
    {
        string path = _folder.File(ResumeFile.Name);
        File.WriteAllText(path, $$"""{"epochs": 1, "batch_size": 32, "hidden": [128], "dropout": 0.2, "learning_rate": 0.001, "validation_split": 0.2, "seed": 0, "limit": 100, {{field}}}""");

        var refused = Assert.Throws<InvalidDataException>(() => ResumeFile.Read(path));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AcceleratorKind.OpenCL)]
    [InlineData(AcceleratorKind.Cpu)]
    public void Resume_json_keeps_the_accelerator_the_run_trained_on(AcceleratorKind trainedOn)
    {
        string path = _folder.File(ResumeFile.Name);

        ResumeFile.From(new TrainingOptions(), trainedOn).Write(path);

        Assert.Contains($"\"accelerator\": \"{trainedOn.Name()}\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(trainedOn, ResumeFile.ReadAccelerator(path));
    }

    [Fact]
    public void A_resume_json_from_before_the_accelerator_was_recorded_means_auto()
    {
        string path = _folder.File(ResumeFile.Name);
        File.WriteAllText(path, """{"epochs": 1, "batch_size": 32, "hidden": [128], "dropout": 0.2, "learning_rate": 0.001, "validation_split": 0.2, "seed": 0, "limit": 100}""");

        Assert.Equal(AcceleratorKind.Auto, ResumeFile.ReadAccelerator(path));
    }

    [Fact]
    public void A_resume_json_with_an_unknown_accelerator_is_refused_naming_it()
    {
        string path = _folder.File(ResumeFile.Name);
        File.WriteAllText(path, """{"epochs": 1, "batch_size": 32, "hidden": [128], "dropout": 0.2, "learning_rate": 0.001, "validation_split": 0.2, "seed": 0, "limit": 100, "accelerator": "tpu"}""");

        var refused = Assert.Throws<InvalidDataException>(() => ResumeFile.ReadAccelerator(path));
        Assert.Contains("'tpu'", refused.Message, StringComparison.Ordinal);
    }
}
