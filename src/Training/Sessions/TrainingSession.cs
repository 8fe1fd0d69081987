using System.Diagnostics;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Output;

namespace Handwriting.Training.Sessions;

/// <summary>
/// One whole training run, as `handwriting train` does it: claim the run folder, read (or fetch)
/// MNIST while the device opens and the run's kernels compile, check that the run fits, upload
/// the images, train, score the test set, write model.bin, history.json and metrics.json, and
/// move them into place. <see cref="Run"/> takes every step in that order; an
/// <see cref="ITrainingObserver"/> hears of each, and a cancelled token stops training at the
/// next step with a checkpoint (saved with resume.json in the run folder, which
/// <see cref="Resume"/> continues bit for bit).
/// </summary>
/// <example>
/// <code>
/// var report = new TrainingSession(new SessionSettings { OutputFolder = "runs/first" }).Run();
/// Console.WriteLine(report.Outcome.Test.Summary.Accuracy);
/// </code>
/// </example>
public sealed class TrainingSession
{
    /// <summary>The trained model's file name in the run folder.</summary>
    public const string ModelFileName = "model.bin";

    /// <summary>A session with <paramref name="settings"/>; throws <see cref="TrainingSettingsException"/> naming the first setting that cannot be run.</summary>
    public TrainingSession(SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
    }

    /// <summary>What the session runs.</summary>
    public SessionSettings Settings { get; }

    /// <summary>
    /// A session that finishes the interrupted run in <paramref name="runFolder"/> with the options
    /// its resume.json holds, from its checkpoint.bin, into the same folder; on
    /// <paramref name="accelerator"/>, or when null on the kind it trained on (a resume elsewhere
    /// still trains, but no longer bit for bit as the uninterrupted run). An unreadable file is an
    /// <see cref="InvalidDataException"/> or a <see cref="TrainingCheckpointException"/> naming it.
    /// </summary>
    public static TrainingSession Resume(string runFolder, AcceleratorKind? accelerator = null, string? dataFolder = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        string resumeFile = Path.Combine(runFolder, ResumeFile.Name);
        var options = ResumeFile.Read(resumeFile);
        var kind = accelerator ?? ResumeFile.ReadAccelerator(resumeFile);
        var checkpoint = TrainingCheckpoint.Load(Path.Combine(runFolder, RunFolder.CheckpointFile));
        return new TrainingSession(new SessionSettings
        {
            Training = options,
            Accelerator = kind,
            DataFolder = dataFolder,
            OutputFolder = runFolder,
            OutputClaim = OutputFolderClaim.Interrupted,
            ResumeFrom = checkpoint,
        });
    }

    /// <summary>
    /// Runs the session from start to end; each call is a run of its own. Throws
    /// <see cref="TrainingSettingsException"/> when the run cannot be done as asked (checked before
    /// anything is allocated), <see cref="MnistDataException"/> for bad data, and
    /// <see cref="TrainingInterruptedException"/> when <paramref name="cancellation"/> stopped it
    /// (its checkpoint then saved in the run folder, if there is one). A failed run leaves its
    /// folder as it found it.
    /// </summary>
    public TrainingReport Run(ITrainingObserver? observer = null, CancellationToken cancellation = default)
    {
        observer ??= new SilentObserver();
        var options = Settings.Training;
        ComputeDevice? device = Settings.Device;
        var clock = new PhaseClock(Settings.PhaseClockStart ?? Stopwatch.GetTimestamp(), () => device?.Counters.CompileSeconds ?? 0);

        // Claimed now, not when training ends: a second run into the same folder fails here.
        using var folder = ClaimOutput();
        clock.Lap(Phase.Setup);
        using var inputs = RunInputs.Prepare(Settings, observer, clock, opened => device = opened);
        observer.OnDeviceOpened(inputs.Device);
        TrainingSettingsException.Translate(() => RunRequirements.Check(
            options, inputs.Train.PixelsPerImage, Mnist.Classes, inputs.Train.Count, inputs.Validation.Count, inputs.Mnist.Test.Count, inputs.Device.Description.MemoryBytes));
        clock.Lap(Phase.Setup);

        var training = Stopwatch.StartNew();
        using var train = new DeviceDataset(inputs.Device.Accelerator, inputs.Train);
        using var validation = new DeviceDataset(inputs.Device.Accelerator, inputs.Validation);
        using var test = new DeviceDataset(inputs.Device.Accelerator, inputs.Mnist.Test);
        using var trainer = new Trainer(inputs.Device, options, inputs.Train.PixelsPerImage, Mnist.Classes);
        var plan = new TrainingPlan(options, inputs.Device.Description, inputs.Device.Kind, trainer.Network.Shape, inputs.Train, inputs.Validation, inputs.Mnist.Test, Settings.ResumeFrom);
        observer.OnTrainingStarting(plan);
        clock.Lap(Phase.Data);

        IReadOnlyList<EpochMetrics> history;
        try
        {
            history = observer.WrapTraining(() => trainer.Fit(
                train, validation.Count > 0 ? validation : null, observer.OnProgress, observer.ProgressInterval, observer.OnEpochEnded, Settings.ResumeFrom, cancellation));
        }
        catch (TrainingInterruptedException stopped) when (stopped.Checkpoint is not null && folder is not null)
        {
            folder.Suspend(target =>
            {
                stopped.Checkpoint.Save(Path.Combine(target, RunFolder.CheckpointFile));
                ResumeFile.From(options, inputs.Device.Kind).Write(Path.Combine(target, ResumeFile.Name));
            });
            throw new TrainingInterruptedException(stopped, folder.Target);
        }

        double trainingSeconds = training.Elapsed.TotalSeconds;
        clock.Lap(Phase.Fit);
        var evaluation = Evaluation.Run(inputs.Device, trainer.Network, test);
        var first = new FirstTestImage(evaluation.Labels[0], evaluation.Predictions[0], evaluation.ProbabilitiesOf(0).ToArray());
        observer.OnEvaluated(evaluation, first);
        clock.Lap(Phase.Test);

        var augmented = options.Augmentation is { } ranges
            ? AugmentationPreview.Of(inputs.Device, train, ranges, options.Seed, TrainingOutcome.AugmentedImageCount)
            : null;
        var outcome = new TrainingOutcome(plan, history, evaluation, first, trainer.Network.ReadParameters(), trainingSeconds, augmented);
        var epochsRun = history.Skip(Settings.ResumeFrom?.History.Count ?? 0);
        if (folder is null)
        {
            clock.Lap(Phase.Plots);
            return new TrainingReport(outcome, clock.Phases(Settings.StartupSeconds, epochsRun), null, []);
        }

        // The observer's files (plots) before ours, so that metrics.json, written last, can say what they cost.
        observer.OnWritingFiles(outcome, folder.PathOf);
        clock.Lap(Phase.Plots);
        ModelFile.Save(folder.PathOf(ModelFileName), plan.Shape, outcome.Parameters);
        JsonFiles.Write(folder.PathOf("history.json"), HistoryFile.From(history));
        clock.Lap(Phase.Files);
        var phases = clock.Phases(Settings.StartupSeconds, epochsRun);
        JsonFiles.Write(folder.PathOf("metrics.json"), Metrics(outcome, phases));
        return new TrainingReport(outcome, phases, folder.Target, folder.Commit());
    }

    private RunFolder? ClaimOutput() => Settings.OutputFolder is not { } path
        ? null
        : Settings.OutputClaim == OutputFolderClaim.Interrupted
            ? RunFolder.Resume(path)
            : RunFolder.Claim(path, numberIfTaken: Settings.OutputClaim == OutputFolderClaim.NumberedIfTaken);

    private static MetricsFile Metrics(TrainingOutcome outcome, RunPhases phases)
    {
        var (plan, options) = (outcome.Plan, outcome.Plan.Options);
        return new MetricsFile(
            outcome.Test.Summary.Loss,
            outcome.Test.Summary.Accuracy,
            options.Epochs,
            outcome.TrainingSeconds,
            plan.Device.Name,
            plan.Accelerator.Name(),
            plan.Shape.ToString(),
            options.BatchSize,
            options.DropoutRate,
            options.Adam.LearningRate,
            options.Schedule.Name(),
            options.Adam.WeightDecay,
            options.ValidationSplit,
            options.Augmentation,
            options.Seed,
            plan.TrainImages.Count,
            plan.ValidationImages.Count,
            plan.TestImages.Count,
            outcome.FirstTestImage,
            phases);
    }

    /// <summary>The observer of a caller that gave none.</summary>
    private sealed class SilentObserver : ITrainingObserver;
}
