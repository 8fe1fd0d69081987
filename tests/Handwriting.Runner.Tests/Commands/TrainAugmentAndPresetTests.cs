using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Handwriting.Kernels;
using Handwriting.Runner.Commands;
using Handwriting.Training;
using Handwriting.Training.Output;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>`train --augment`, `--elastic` and `--preset`: how they resolve, their errors, and what an augmented run writes.</summary>
public sealed class TrainAugmentAndPresetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--elastic 2", "--elastic needs --augment")]
    [InlineData("--augment --elastic -1", "--elastic")]
    [InlineData("--augment --elastic NaN", "--elastic")]
    [InlineData("--augment --elastic 9", "--elastic: the elastic distortion must be between 0 and 8 pixels")]
    [InlineData("--preset fastest", "'fastest' is not a preset")]
    [InlineData("--capture-augment", "--capture-augment needs --augment")]
    [InlineData("--augment --capture-augment 1.5", "--capture-augment: every capture augmentation chance must be between 0 and 1")]
    [InlineData("--augment --capture-augment lots", "--capture-augment: 'lots' is not a number")]
    public void A_bad_augmentation_or_preset_is_a_usage_error(string arguments, string named)
    {
        CliRun result = CliRun.Of(["train", .. arguments.Split(' '), "--out", _folder.File("run"), "--accelerator", "cpu"]);

        Assert.Contains(named, result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    /// <summary>The seed notebook's settings, written out: what `train` with no option must run.</summary>
    [Fact]
    public void Without_a_preset_the_options_are_the_seed_notebooks()
    {
        var notebook = new TrainingOptions
        {
            Epochs = 5,
            BatchSize = 32,
            Hidden = [128],
            DropoutRate = 0.2f,
            Adam = new AdamSettings(0.001f),
            Schedule = LearningRateSchedule.Constant,
            ValidationSplit = 0.2,
            Seed = 0,
            Limit = null,
            Augmentation = null,
        };

        Assert.Equal(notebook, Read(""), OptionsComparer.Instance);
        Assert.Equal(notebook, Read("--preset seed"), OptionsComparer.Instance);
    }

    [Fact]
    public void An_explicit_augment_keeps_a_presets_own_ranges()
    {
        Assert.Equal(TrainingPresets.Best.Augmentation, Read("--preset best --augment").Augmentation);
        Assert.Equal(TrainingPresets.Best.Augmentation!.Value.WithElastic(3f), Read("--preset best --elastic 3").Augmentation);
    }

    [Fact]
    public void The_best_preset_is_its_recorded_options() =>
        Assert.Equal(TrainingPresets.Best, Read("--preset best"), OptionsComparer.Instance);

    [Fact]
    public void Options_given_with_a_preset_override_only_themselves()
    {
        var read = Read("--preset best --epochs 2 --hidden 64,32 --seed 7");

        var expected = TrainingPresets.Best with { Epochs = 2, Hidden = [64, 32], Seed = 7 };
        Assert.Equal(expected, read, OptionsComparer.Instance);
    }

    [Theory]
    [InlineData("--augment", 0f)]
    [InlineData("--augment --elastic 1.5", 1.5f)]
    [InlineData("--augment true --elastic 0", 0f)]
    public void Augment_turns_on_the_affine_ranges_and_elastic_adds_to_them(string arguments, float elastic) =>
        Assert.Equal(AugmentRanges.Affine.WithElastic(elastic), Read(arguments).Augmentation);

    [Theory]
    [InlineData("--augment", " --capture-augment", 0.5f)]
    [InlineData("--augment --elastic 1.5", " --capture-augment", 0.5f)]
    [InlineData("--augment", " --capture-augment 0.25", 0.25f)]
    [InlineData("--preset best", " --capture-augment 1", 1f)]
    public void Capture_augment_adds_the_capture_degradations_and_nothing_else(string augmentation, string capture, float chance)
    {
        var plain = Read(augmentation).Augmentation!.Value;

        Assert.Equal(plain.WithCapture(CaptureRanges.Captures.WithChance(chance)), Read(augmentation + capture).Augmentation);
    }

    [Fact]
    public void Capture_augment_0_or_absent_leaves_the_augmentation_as_it_was()
    {
        Assert.Equal(AugmentRanges.Affine, Read("--augment --capture-augment 0").Augmentation);
        Assert.Null(Read("--capture-augment 0").Augmentation);
        Assert.Equal(TrainingPresets.Best.Augmentation, Read("--preset best").Augmentation);
        Assert.False(Read("--augment").Augmentation!.Value.Capture.Any);
    }

    /// <summary>The preset adds a quarter of each capture degradation; --capture-augment 0 gives back the preset of before issue 17.</summary>
    [Fact]
    public void The_best_preset_adds_capture_degradations_that_0_removes()
    {
        Assert.Equal(AugmentRanges.Affine.WithCapture(CaptureRanges.Captures.WithChance(0.25f)), TrainingPresets.Best.Augmentation);
        Assert.Equal(AugmentRanges.Affine, Read("--preset best --capture-augment 0").Augmentation);
    }

    [Fact]
    public void Augment_false_turns_a_presets_augmentation_off()
    {
        Assert.Null(Read("--preset best --augment false").Augmentation);
        Assert.Null(Read("").Augmentation);
    }

    [Theory]
    [InlineData("--augment")]
    [InlineData("--preset best")]
    public void Resume_takes_no_augmentation_or_preset(string arguments)
    {
        CliRun result = CliRun.Of(["train", "--resume", _folder.Path, .. arguments.Split(' '), "--accelerator", "cpu"]);

        Assert.Contains($"{arguments.Split(' ')[0]} cannot be given with --resume", result.AssertOneLineError(2), StringComparison.Ordinal);
    }

    [Fact]
    public void An_augmented_run_records_its_ranges_and_plots_what_it_trained_on()
    {
        string output = _folder.File("run");

        CliRun result = CliRun.Of("train", "--limit", "1000", "--epochs", "1", "--augment", "--elastic", "2", "--out", output, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("augmented (affine + elastic 2 px)", result.Stdout, StringComparison.Ordinal);
        PngAssert.Valid(Path.Combine(output, "augmented.png"));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        JsonElement augmentation = metrics.RootElement.GetProperty("augmentation");
        Assert.Equal(2f, augmentation.GetProperty("elastic").GetSingle());
        Assert.Equal(12f, augmentation.GetProperty("rotation_max_degrees").GetSingle());
    }

    /// <summary>The preset's own run takes minutes; a limit and one epoch show it wires up end to end.</summary>
    [Fact]
    public void The_best_preset_trains_end_to_end_on_a_few_images()
    {
        string output = _folder.File("run");

        CliRun result = CliRun.Of("train", "--preset", "best", "--limit", "600", "--epochs", "1", "--out", output, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        JsonElement root = metrics.RootElement;
        Assert.Equal($"784-{string.Join('-', TrainingPresets.Best.Hidden)}-10", root.GetProperty("network").GetString());
        Assert.Equal(TrainingPresets.Best.BatchSize, root.GetProperty("batch_size").GetInt32());
        Assert.Equal(TrainingPresets.Best.Augmentation is null, root.GetProperty("augmentation").ValueKind == JsonValueKind.Null);
        Assert.Equal(1, root.GetProperty("epochs").GetInt32());
    }

    [Fact]
    public void A_plain_run_records_no_augmentation_and_draws_no_augmented_plot()
    {
        string output = _folder.File("run");

        CliRun result = CliRun.Of("train", "--limit", "300", "--epochs", "1", "--out", output, "--accelerator", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.False(File.Exists(Path.Combine(output, "augmented.png")));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(JsonValueKind.Null, metrics.RootElement.GetProperty("augmentation").ValueKind);
    }

    [Fact]
    public void Resume_json_keeps_the_augmentation()
    {
        var options = new TrainingOptions { Augmentation = AugmentRanges.Affine.WithElastic(1.25f) };
        string path = _folder.File(ResumeFile.Name);

        ResumeFile.From(options).Write(path);

        Assert.Equal(options.Augmentation, ResumeFile.Read(path).Augmentation);
        File.WriteAllText(path, """{"epochs": 1, "batch_size": 32, "hidden": [128], "dropout": 0.2, "learning_rate": 0.001, "validation_split": 0.2, "seed": 0, "limit": 100}""");
        Assert.Null(ResumeFile.Read(path).Augmentation);
    }

    /// <summary>The capture degradations travel in resume.json too; a file written before they existed resumes without them.</summary>
    [Fact]
    public void Resume_json_keeps_the_capture_degradations_and_reads_older_files_without_them()
    {
        var options = TrainingPresets.Best;
        string path = _folder.File(ResumeFile.Name);

        ResumeFile.From(options).Write(path);

        Assert.Equal(options.Augmentation, ResumeFile.Read(path).Augmentation);
        using (var written = JsonDocument.Parse(File.ReadAllText(path)))
        {
            Assert.Equal(0.25f, written.RootElement.GetProperty("augmentation").GetProperty("capture").GetProperty("pen_chance").GetSingle());
        }

        ResumeFile.From(options with { Augmentation = AugmentRanges.Affine }).Write(path);
        var older = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.True(older["augmentation"]!.AsObject().Remove("capture"));
        File.WriteAllText(path, older.ToJsonString());
        Assert.Equal(AugmentRanges.Affine, ResumeFile.Read(path).Augmentation);
    }

    /// <summary>The options `train` reads from these arguments, without running it.</summary>
    private static TrainingOptions Read(string arguments)
    {
        var options = new TrainOptions();
        var command = new Command("train");
        options.AddTo(command);
        return options.Read(command.Parse(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>TrainingOptions compare their hidden widths by reference; this compares them by value.</summary>
    private sealed class OptionsComparer : IEqualityComparer<TrainingOptions>
    {
        public static OptionsComparer Instance { get; } = new();

        public bool Equals(TrainingOptions? x, TrainingOptions? y) =>
            x is not null && y is not null && x.Hidden.SequenceEqual(y.Hidden) && x with { Hidden = Array.Empty<int>() } == y with { Hidden = Array.Empty<int>() };

        public int GetHashCode(TrainingOptions obj) => obj.Epochs;
    }
}
