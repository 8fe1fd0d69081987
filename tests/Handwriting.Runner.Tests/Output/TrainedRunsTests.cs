using Handwriting.Runner.Output;
using Handwriting.Runner.Tests.Commands;
using Handwriting.Training.Model;

namespace Handwriting.Runner.Tests.Output;

/// <summary>Which model `predict` and `serve` take without --model: the newest finished run under runs/.</summary>
[Collection(TrainedRunCollection.Name)]
public sealed class TrainedRunsTests(TrainedRun run) : IDisposable
{
    private static readonly DateTime Noon = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryFolder _folder = new();

    private string Runs => Path.Combine(_folder.Path, "runs");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_newest_is_the_run_whose_model_was_written_last_whatever_its_name()
    {
        Model("20261129-100000", Noon.AddMinutes(5));
        Model("my-best", Noon.AddMinutes(9));
        Model("20261129-110000", Noon.AddMinutes(7));

        Assert.Equal(Path.Combine(Runs, "my-best", "model.bin"), TrainedRuns.NewestModel(Runs));
    }

    [Fact]
    public void On_equal_times_the_greatest_name_wins_so_the_later_timestamp()
    {
        Model("20261129-100000", Noon);
        Model("20261129-110000", Noon);
        Model("20261129-090000", Noon);

        Assert.Equal(Path.Combine(Runs, "20261129-110000", "model.bin"), TrainedRuns.NewestModel(Runs));
    }

    [Fact]
    public void Staging_folders_interrupted_runs_and_stray_files_are_passed_over()
    {
        Model("20261129-100000", Noon);
        Model(".20261129-120000.partial-4242", Noon.AddHours(1));
        Directory.CreateDirectory(Path.Combine(Runs, "interrupted"));
        File.WriteAllText(Path.Combine(Runs, "interrupted", "checkpoint.bin"), "x");
        File.WriteAllText(Path.Combine(Runs, "model.bin"), "not in a run folder");

        Assert.Equal(Path.Combine(Runs, "20261129-100000", "model.bin"), TrainedRuns.NewestModel(Runs));
    }

    [Fact]
    public void No_runs_folder_or_an_empty_one_has_no_newest_model()
    {
        Assert.Null(TrainedRuns.NewestModel(Runs));
        Directory.CreateDirectory(Runs);
        Assert.Null(TrainedRuns.NewestModel(Runs));
    }

    [Fact]
    public void A_given_model_is_taken_as_it_is_and_nothing_is_said()
    {
        var said = new List<string>();

        Assert.Equal("mine.bin", TrainedRuns.ModelOrNewest("mine.bin", _folder.Path, said.Add));
        Assert.Empty(said);
    }

    [Fact]
    public void Without_a_run_the_error_says_how_to_train_one()
    {
        var error = Assert.Throws<ModelFileException>(() => TrainedRuns.ModelOrNewest(null, _folder.Path, _ => { }));

        Assert.Contains("handwriting train", error.Message, StringComparison.Ordinal);
        Assert.Contains("--model", error.Message, StringComparison.Ordinal);
    }

    [PosixFact]
    public async Task Predict_without_model_uses_the_newest_run_and_says_which()
    {
        Directory.CreateDirectory(Path.Combine(Runs, "20261129-100000"));
        File.Copy(run.Model, Path.Combine(Runs, "20261129-100000", "model.bin"));
        PredictCommandTests.WritePng(_folder.File("seven.png"), PredictCommandTests.DrawSeven());

        CliRun text = await HandwritingProcess.RunAsync(_folder.Path, "predict", "seven.png", "--accelerator", "cpu");
        CliRun json = await HandwritingProcess.RunAsync(_folder.Path, "predict", "seven.png", "--json", "--accelerator", "cpu");

        Assert.True(text.ExitCode == 0, text.Stderr);
        string expected = $"Using {Path.Combine("runs", "20261129-100000", "model.bin")}, the newest run in runs/";
        Assert.StartsWith(expected, text.StdoutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("seven.png: 7 ", text.StdoutLines[^1], StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.StartsWith(expected, json.Stderr, StringComparison.Ordinal); // stdout stays pure JSON
        using var parsed = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal(7, parsed.RootElement[0].GetProperty("digit").GetInt32());
    }

    [PosixFact]
    public async Task Predict_without_model_and_without_runs_fails_in_one_line_saying_how_to_train()
    {
        PredictCommandTests.WritePng(_folder.File("seven.png"), PredictCommandTests.DrawSeven());

        CliRun result = await HandwritingProcess.RunAsync(_folder.Path, "predict", "seven.png", "--accelerator", "cpu");

        string line = result.AssertOneLineError(1);
        Assert.Contains("no trained run in runs/", line, StringComparison.Ordinal);
        Assert.Contains("'handwriting train'", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    private void Model(string folder, DateTime written)
    {
        string path = Path.Combine(Runs, folder, "model.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "model");
        File.SetLastWriteTimeUtc(path, written);
    }
}
