using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Handwriting.Kernels.Devices;
using Handwriting.Training;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Output;
using Handwriting.Training.Sessions;

namespace Handwriting.Runner.Bench;

/// <summary>
/// Our trainer measured two ways: `handwriting train` as a whole child process (wall time, as a
/// user waits for it, and its peak memory; training images per second from its history; where the
/// time went from its metrics.json), then, in this process, the
/// saved model's inference throughput over the test set and the launches and host
/// synchronisations a training step makes.
/// </summary>
public static class OwnTrainerBenchmark
{
    public static TrainerResult Train(AcceleratorKind kind, int batchSize, int epochs, string? dataOption, ImageSet test, string scratch)
    {
        string runFolder = Path.Combine(scratch, $"handwriting-{kind}-{batchSize}".ToLowerInvariant());
        var (host, prefix) = ChildProcess.Self();
        var arguments = prefix.Concat(["train", "--epochs", Text(epochs), "--batch-size", Text(batchSize), "--accelerator", kind.Name(), "--out", runFolder]);
        if (dataOption is not null)
        {
            arguments = arguments.Concat(["--data", dataOption]);
        }

        var outcome = ChildProcess.Run(host, arguments, TimeSpan.FromMinutes(60));
        if (outcome.ExitCode != 0)
        {
            return new TrainerResult("handwriting", kind.Name(), batchSize, epochs, null, outcome.WallSeconds, null, null, $"train failed: {LastLine(outcome.Stderr)}", PeakResidentBytes: outcome.PeakResidentBytes);
        }

        // Read back through the records `train` wrote them with, so a renamed field cannot go unnoticed here.
        var history = Read<HistoryFile>(Path.Combine(runFolder, "history.json"));
        var metrics = Read<MetricsFile>(Path.Combine(runFolder, "metrics.json"));
        double trainSeconds = history.TrainSeconds.Sum();
        double inference = InferenceImagesPerSecond(kind, Path.Combine(runFolder, "model.bin"), test);
        return new TrainerResult("handwriting", kind.Name(), batchSize, epochs, metrics.TrainImages * (double)epochs / trainSeconds, outcome.WallSeconds, inference, metrics.TestAccuracy, "whole process", Phases: metrics.Phases, PeakResidentBytes: outcome.PeakResidentBytes);
    }

    /// <summary>Images per second of the forward pass over the 10,000 test images, the best of three passes after a warm-up.</summary>
    public static double InferenceImagesPerSecond(AcceleratorKind kind, string modelPath, ImageSet test)
    {
        using var device = ComputeDevice.Open(kind);
        using var network = SavedNetwork.Load(device, modelPath);
        using var data = new DeviceDataset(device.Accelerator, test);
        Evaluation.LossAndAccuracy(device, network, data);
        double best = double.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            Evaluation.LossAndAccuracy(device, network, data);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return test.Count / best;
    }

    /// <summary>Launches and host synchronisations per training step, counted over one epoch of <paramref name="steps"/> steps without a progress display.</summary>
    public static (double Launches, double Synchronizations) CountsPerStep(AcceleratorKind kind, int batchSize, int steps, MnistData mnist)
    {
        var counter = new StepCounter();
        new TrainingSession(new SessionSettings { Training = new TrainingOptions { Epochs = 1, BatchSize = batchSize, ValidationSplit = 0, Limit = batchSize * steps }, Data = mnist, Accelerator = kind })
            .Run(counter);
        return (counter.Launches / (double)steps, counter.Synchronizations / (double)steps);
    }

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonFiles.Options) ?? throw new InvalidDataException($"{path} is empty");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";

    /// <summary>Counts the device's launches and synchronisations over the training loop alone (not the evaluation after it).</summary>
    private sealed class StepCounter : ITrainingObserver
    {
        private ComputeDevice? _device;

        public long Launches { get; private set; }

        public long Synchronizations { get; private set; }

        public void OnDeviceOpened(ComputeDevice device) => _device = device;

        public IReadOnlyList<EpochMetrics> WrapTraining(Func<IReadOnlyList<EpochMetrics>> training)
        {
            var counters = _device!.Counters;
            var (launches, synchronizations) = (counters.Launches, counters.Synchronizations);
            var history = training();
            (Launches, Synchronizations) = (counters.Launches - launches, counters.Synchronizations - synchronizations);
            return history;
        }
    }
}
