using System.Diagnostics;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Output;

namespace Handwriting.Training;

/// <summary>
/// The run pipeline of `handwriting train`, one step per method, in the order a run takes them:
/// <see cref="Load"/> reads (or fetches) MNIST and splits it as the options say,
/// <see cref="Open"/> opens the accelerator, <see cref="Prepare"/> uploads the images and builds
/// the trainer, <see cref="Fit"/> trains, <see cref="Evaluate"/> scores the test set and
/// <see cref="WriteFiles"/> writes model.bin, history.json and metrics.json. The caller owns what
/// lies between the steps: where the files go (the run folder), what is printed, the plots.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private ComputeDevice? _device;
    private Trainer? _trainer;
    private DeviceDataset? _train;
    private DeviceDataset? _validation;
    private DeviceDataset? _test;
    private Stopwatch? _clock;

    private TrainingRun(TrainingOptions options, MnistData mnist, ImageSet trainImages, ImageSet validationImages)
    {
        Options = options;
        Mnist = mnist;
        TrainImages = trainImages;
        ValidationImages = validationImages;
    }

    public TrainingOptions Options { get; }

    public MnistData Mnist { get; }

    /// <summary>The images trained on: the first (1 - validation split) of the training file (or of its first Limit images).</summary>
    public ImageSet TrainImages { get; }

    /// <summary>The images held out for validation: the rest, as Keras's validation_split holds out the last ones.</summary>
    public ImageSet ValidationImages { get; }

    public ComputeDevice Device => _device ?? throw new InvalidOperationException("the run has not opened its device");

    public Trainer Trainer => _trainer ?? throw new InvalidOperationException("the run is not prepared");

    public DeviceDataset Train => _train ?? throw new InvalidOperationException("the run is not prepared");

    public DeviceDataset Validation => _validation ?? throw new InvalidOperationException("the run is not prepared");

    public DeviceDataset Test => _test ?? throw new InvalidOperationException("the run is not prepared");

    /// <summary>Seconds from <see cref="Prepare"/> to the end of <see cref="Fit"/>: what metrics.json reports as the training time.</summary>
    public double TrainingSeconds { get; private set; }

    /// <summary>Reads MNIST from <paramref name="dataFolder"/> (fetching what is missing, reported through <paramref name="report"/>), then limits and splits it.</summary>
    public static TrainingRun Load(TrainingOptions options, string? dataFolder, Action<string> report) =>
        From(options, MnistData.LoadOrFetch(dataFolder, report));

    /// <summary>As <see cref="Load"/>, for MNIST already read: the options' limit and validation split applied to it.</summary>
    public static TrainingRun From(TrainingOptions options, MnistData mnist)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mnist);
        var available = options.Limit is int limit ? mnist.Train.Take(Math.Min(limit, mnist.Train.Count)) : mnist.Train;
        var (train, validation) = available.Split(options.ValidationSplit);
        return new TrainingRun(options, mnist, train, validation);
    }

    /// <summary>Opens the accelerator the run trains on.</summary>
    public ComputeDevice Open(AcceleratorKind kind) => Use(ComputeDevice.Open(kind));

    /// <summary>Trains on <paramref name="device"/>, opened by the caller (for example while this run's data was read); the run owns it from here.</summary>
    public ComputeDevice Use(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (_device is not null)
        {
            throw new InvalidOperationException("the run has opened its device already");
        }

        _device = device;
        return device;
    }

    /// <summary>Starts the training clock, uploads the three image sets and builds the trainer.</summary>
    public void Prepare()
    {
        _clock = Stopwatch.StartNew();
        _train = Own(new DeviceDataset(Device.Accelerator, TrainImages));
        _validation = Own(new DeviceDataset(Device.Accelerator, ValidationImages));
        _test = Own(new DeviceDataset(Device.Accelerator, Mnist.Test));
        _trainer = Own(new Trainer(Device, Options, TrainImages.PixelsPerImage, Data.Mnist.Classes));
    }

    /// <summary>Trains (see <see cref="Trainer.Fit"/>), validating after every epoch when the split left validation images.</summary>
    public IReadOnlyList<EpochMetrics> Fit(
        Action<TrainingProgress>? progress,
        TimeSpan progressInterval,
        Action<EpochMetrics>? epochEnd,
        TrainingCheckpoint? resumeFrom,
        CancellationToken cancellation)
    {
        var history = Trainer.Fit(Train, Validation.Count > 0 ? Validation : null, progress, progressInterval, epochEnd, resumeFrom, cancellation);
        TrainingSeconds = _clock!.Elapsed.TotalSeconds;
        return history;
    }

    /// <summary>The trained network on the test set, and the notebook's look at the first test image.</summary>
    public (EvaluationResult Evaluation, FirstTestImage First) Evaluate()
    {
        var evaluation = Evaluation.Run(Device, Trainer.Network, Test);
        var first = new FirstTestImage(evaluation.Labels[0], evaluation.Predictions[0], evaluation.ProbabilitiesOf(0).ToArray());
        return (evaluation, first);
    }

    /// <summary>
    /// Writes model.bin, history.json and metrics.json; <paramref name="pathOf"/> says where each
    /// file name goes. <paramref name="phases"/>, when given, is asked just before metrics.json is
    /// written, so that the phases it records include the writing of the other two files.
    /// </summary>
    public void WriteFiles(Func<string, string> pathOf, IReadOnlyList<EpochMetrics> history, EvaluationResult evaluation, FirstTestImage first, Func<RunPhases>? phases = null)
    {
        ArgumentNullException.ThrowIfNull(pathOf);
        ArgumentNullException.ThrowIfNull(evaluation);
        ModelFile.Save(pathOf("model.bin"), Trainer.Network.Shape, Trainer.Network.ReadParameters());
        JsonFiles.Write(pathOf("history.json"), HistoryFile.From(history));
        JsonFiles.Write(pathOf("metrics.json"), new MetricsFile(
            evaluation.Summary.Loss,
            evaluation.Summary.Accuracy,
            Options.Epochs,
            TrainingSeconds,
            Device.Description.Name,
            Device.Kind.Name(),
            Trainer.Network.Shape.ToString(),
            Options.BatchSize,
            Options.DropoutRate,
            Options.Adam.LearningRate,
            Options.Schedule.Name(),
            Options.Adam.WeightDecay,
            Options.ValidationSplit,
            Options.Augmentation,
            Options.Seed,
            Train.Count,
            Validation.Count,
            Test.Count,
            first,
            phases?.Invoke()));
    }

    /// <summary>Frees the trainer, the device's buffers and then the device, in that order.</summary>
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
        _device?.Dispose();
        _device = null;
    }

    private T Own<T>(T resource)
        where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }
}
