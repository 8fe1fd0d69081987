using System.Text.Json;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Output;
using Handwriting.Training.Sessions;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Sessions;

/// <summary>
/// The run pipeline `train` uses, on real MNIST: the limit and split, the files it writes, what
/// its observer hears and when, an interruption saved into the run folder and resumed bit for
/// bit, and settings it refuses before it writes anything.
/// </summary>
[Collection(RealMnistCollection.Name)]
public sealed class TrainingSessionTests(RealMnist mnist) : IDisposable
{
    private static readonly TrainingOptions Short = new() { Epochs = 1, Limit = 500, ValidationSplit = 0.2 };

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Limits_splits_trains_and_writes_the_model_history_and_metrics()
    {
        var observer = new RecordingObserver();
        string target = Path.Combine(_folder.Path, "run");
        var report = new TrainingSession(new SessionSettings { Training = Short, Data = mnist.Data, Accelerator = AcceleratorKind.Cpu, OutputFolder = target }).Run(observer);

        var plan = report.Outcome.Plan;
        Assert.Equal((400, 100), (plan.TrainImages.Count, plan.ValidationImages.Count));
        Assert.Equal(mnist.Data.Train.Labels[400], plan.ValidationImages.Labels[0]); // Keras holds out the last images
        Assert.Equal(Path.GetFullPath(target), report.OutputFolder);
        Assert.Equal(["history.json", "metrics.json", "model.bin"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Directory.GetFiles(target).Order(StringComparer.Ordinal), report.Files.Order(StringComparer.Ordinal));
        var (shape, parameters) = ModelFile.Load(Path.Combine(target, TrainingSession.ModelFileName));
        Assert.Equal(new MlpShape(Mnist.Pixels, [128], Mnist.Classes).ToString(), shape.ToString());
        Assert.Equal(report.Outcome.Parameters, parameters);
        var metrics = JsonSerializer.Deserialize<MetricsFile>(File.ReadAllText(Path.Combine(target, "metrics.json")), JsonFiles.Options)!;
        Assert.Equal((400, 100, 10_000), (metrics.TrainImages, metrics.ValidationImages, metrics.TestImages));
        Assert.Equal(report.Outcome.Test.Summary.Accuracy, metrics.TestAccuracy);
        Assert.Equal(report.Phases, metrics.Phases);
        Assert.Equal(mnist.Data.Test.Labels[0], report.Outcome.FirstTestImage.Label);
        var written = JsonSerializer.Deserialize<HistoryFile>(File.ReadAllText(Path.Combine(target, "history.json")), JsonFiles.Options)!;
        Assert.Equal(report.Outcome.History.Select(e => e.Loss), written.Loss);
    }

    [Fact]
    public void The_observer_hears_each_step_in_order_and_its_files_join_the_run()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        var observer = new RecordingObserver { ExtraFile = "extra.txt" };
        string target = Path.Combine(_folder.Path, "run");
        var report = new TrainingSession(new SessionSettings { Training = Short with { Epochs = 2 }, Data = mnist.Data, Device = device, OutputFolder = target }).Run(observer);

        Assert.Equal(["device", "starting", "training", "epoch 1", "epoch 2", "trained", "evaluated", "files"], observer.Heard);
        Assert.Contains(Path.Combine(report.OutputFolder!, "extra.txt"), report.Files);
        Assert.Equal("written through pathOf", File.ReadAllText(Path.Combine(target, "extra.txt")));
        Assert.Equal(2, report.Outcome.History.Count);

        // The caller's device stays the caller's: the session did not dispose it, and trains on it again alike.
        var again = new TrainingSession(new SessionSettings { Training = Short with { Epochs = 2 }, Data = mnist.Data, Device = device }).Run();
        Assert.Equal(report.Outcome.Parameters, again.Outcome.Parameters);
    }

    [Fact]
    public void Without_an_output_folder_nothing_is_written_and_the_report_holds_the_model()
    {
        var observer = new RecordingObserver();
        var report = new TrainingSession(new SessionSettings { Training = Short, Data = mnist.Data, Accelerator = AcceleratorKind.Cpu }).Run(observer);

        Assert.Null(report.OutputFolder);
        Assert.Empty(report.Files);
        Assert.DoesNotContain("files", observer.Heard);
        Assert.Equal((int)RunRequirements.ParameterCount(Mnist.Pixels, [128], Mnist.Classes), report.Outcome.Parameters.Length);
        Assert.InRange(report.Outcome.Test.Summary.Accuracy, 0.5, 1.0); // 400 images, one epoch: far better than chance
    }

    [Fact]
    public void An_interruption_leaves_a_checkpoint_in_the_run_folder_and_resume_ends_bit_identical()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        var options = Short with { Epochs = 2 };
        string interrupted = Path.Combine(_folder.Path, "interrupted");
        using var stop = new CancellationTokenSource();
        var stopping = new RecordingObserver { AfterEpoch = stop.Cancel }; // stops at the first step of epoch 2
        var session = new TrainingSession(new SessionSettings { Training = options, Data = mnist.Data, Device = device, OutputFolder = interrupted });

        var stopped = Assert.Throws<TrainingInterruptedException>(() => session.Run(stopping, stop.Token));
        Assert.Equal((2, 0), (stopped.Checkpoint!.Epoch, stopped.Checkpoint.Step));
        Assert.Equal(Path.GetFullPath(interrupted), stopped.RunFolder);
        Assert.Equal([RunFolder.CheckpointFile, ResumeFile.Name], Directory.GetFileSystemEntries(interrupted).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var resumed = TrainingSession.Resume(interrupted);
        Assert.Equal((2, 500, AcceleratorKind.Cpu, OutputFolderClaim.Interrupted), (resumed.Settings.Training.Epochs, resumed.Settings.Training.Limit, resumed.Settings.Accelerator, resumed.Settings.OutputClaim));
        var finished = new TrainingSession(resumed.Settings with { Device = device, Data = mnist.Data }).Run();
        var whole = new TrainingSession(new SessionSettings { Training = options, Data = mnist.Data, Device = device }).Run();

        Assert.Equal(whole.Outcome.Parameters, finished.Outcome.Parameters);
        Assert.Equal(whole.Outcome.History.Select(e => e.Loss), finished.Outcome.History.Select(e => e.Loss));
        Assert.False(File.Exists(Path.Combine(interrupted, RunFolder.CheckpointFile)));
        Assert.True(File.Exists(Path.Combine(interrupted, TrainingSession.ModelFileName)));
    }

    [Fact]
    public void Settings_that_cannot_run_are_refused_naming_the_setting_and_leave_no_folder()
    {
        var both = Assert.Throws<TrainingSettingsException>(() => new TrainingSession(new SessionSettings { Data = mnist.Data, DataFolder = _folder.Path }));
        Assert.StartsWith("Data and DataFolder:", both.Message, StringComparison.Ordinal);
        var noCheckpoint = Assert.Throws<TrainingSettingsException>(() => new TrainingSession(new SessionSettings { OutputFolder = _folder.Path, OutputClaim = OutputFolderClaim.Interrupted }));
        Assert.Contains(nameof(SessionSettings.ResumeFrom), noCheckpoint.Message, StringComparison.Ordinal);
        var badOption = Assert.Throws<TrainingSettingsException>(() => new TrainingSession(new SessionSettings { Training = Short with { Epochs = 0 } }));
        Assert.StartsWith("--epochs", badOption.Message, StringComparison.Ordinal);

        // A split that leaves no training image is found once the data is read: the folder claimed for it goes again.
        string target = Path.Combine(_folder.Path, "empty-split");
        var session = new TrainingSession(new SessionSettings { Training = Short with { Limit = 1, ValidationSplit = 0.9 }, Data = mnist.Data, Accelerator = AcceleratorKind.Cpu, OutputFolder = target });
        var noImages = Assert.Throws<TrainingSettingsException>(() => session.Run());
        Assert.StartsWith("--limit 1 with --validation-split 0.9 leaves no training image", noImages.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    /// <summary>Writes down what it hears, by name; optionally cancels after the first epoch or adds a file.</summary>
    private sealed class RecordingObserver : ITrainingObserver
    {
        public List<string> Heard { get; } = [];

        public Action? AfterEpoch { get; init; }

        public string? ExtraFile { get; init; }

        public void OnDeviceOpened(ComputeDevice device) => Heard.Add("device");

        public void OnTrainingStarting(TrainingPlan plan) => Heard.Add("starting");

        public IReadOnlyList<EpochMetrics> WrapTraining(Func<IReadOnlyList<EpochMetrics>> training)
        {
            Heard.Add("training");
            var history = training();
            Heard.Add("trained");
            return history;
        }

        public void OnEpochEnded(EpochMetrics epoch)
        {
            Heard.Add($"epoch {epoch.Epoch}");
            AfterEpoch?.Invoke();
        }

        public void OnEvaluated(EvaluationResult test, FirstTestImage first) => Heard.Add("evaluated");

        public void OnWritingFiles(TrainingOutcome outcome, Func<string, string> pathOf)
        {
            Heard.Add("files");
            if (ExtraFile is not null)
            {
                File.WriteAllText(pathOf(ExtraFile), "written through pathOf");
            }
        }
    }
}
