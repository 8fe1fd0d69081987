using System.Diagnostics;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training;

/// <summary>
/// Trains a <see cref="DeviceNetwork"/> the way Keras's model.fit does: shuffle every epoch,
/// minibatches of BatchSize (the last one smaller), Adam after every batch (at the learning rate
/// of the options' schedule for that step, AdamW when they set a weight decay), validation after
/// every epoch. A step launches kernels only. Per-image losses and hits are written to
/// device buffers as the epoch goes, and summed on the device when the epoch ends (or when a
/// progress display asks, at most once per progress interval): those are the only reads.
/// With augmentation in the options, each batch is gathered through the <see cref="Augment"/>
/// kernel first: one more launch a step.
/// </summary>
public sealed class Trainer : IDisposable
{
    /// <summary>Rows per forward pass when evaluating: big enough to keep launches few.</summary>
    public const int EvaluationRows = 1000;

    private readonly ComputeDevice _device;
    private readonly TrainingOptions _options;
    private readonly uint _dropoutSeed;
    private readonly uint _augmentSeed;
    private readonly int _imageSide;
    private Random _shuffle;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _totals;

    public Trainer(ComputeDevice device, TrainingOptions options, int inputs, int classes)
    {
        options.Validate();
        _device = device;
        _options = options;
        _imageSide = options.Augmentation is null ? 0 : ImageSide(inputs); // before anything is allocated
        var shape = new MlpShape(inputs, options.Hidden, classes);
        Network = new DeviceNetwork(device, shape, GlorotUniform.Initialize(shape, options.Seed), Math.Max(options.BatchSize, EvaluationRows));
        _dropoutSeed = DropoutSeeds.OfRun(options.Seed);
        _augmentSeed = AugmentSeedOf(options.Seed);
        _shuffle = NewShuffle(options.Seed);
        _totals = device.Accelerator.Allocate1D<float>(2);
    }

    public DeviceNetwork Network { get; }

    /// <summary>
    /// Steps between checks of the loss for NaN between progress reads: each check sums the epoch's
    /// losses on the device and reads back two floats, one synchronisation per 64 steps.
    /// </summary>
    public const int DivergenceCheckSteps = 64;

    /// <summary>
    /// Trains for the configured epochs. <paramref name="progress"/>, when given, is called at
    /// most once per <paramref name="progressInterval"/> inside an epoch (each call costs one
    /// device synchronisation; <see cref="Timeout.InfiniteTimeSpan"/> means only at epoch ends);
    /// <paramref name="epochEnd"/> after every epoch.
    /// <para>
    /// <paramref name="cancellation"/> is checked before every run of steps (at most
    /// <see cref="DivergenceCheckSteps"/> steps, one where a report is asked after every step or
    /// augmentation is on): once cancelled, training stops there and throws <see cref="TrainingInterruptedException"/> holding a checkpoint, which
    /// <paramref name="resumeFrom"/> continues to exactly the parameters an uninterrupted run reaches.
    /// The returned history then includes the checkpoint's finished epochs.
    /// </para>
    /// <para>
    /// The loss is checked for NaN and infinity whenever its sums are read (progress reports, epoch
    /// ends) and every <see cref="DivergenceCheckSteps"/> steps; a non-finite loss throws
    /// <see cref="TrainingDivergedException"/> naming the first step that produced one.
    /// </para>
    /// </summary>
    public IReadOnlyList<EpochMetrics> Fit(
        DeviceDataset train,
        DeviceDataset? validation,
        Action<TrainingProgress>? progress = null,
        TimeSpan progressInterval = default,
        Action<EpochMetrics>? epochEnd = null,
        TrainingCheckpoint? resumeFrom = null,
        CancellationToken cancellation = default)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException("the training set is empty", nameof(train));
        }

        int batch = _options.BatchSize;
        int steps = (train.Count + batch - 1) / batch;
        int totalSteps = _options.Epochs * steps;
        var order = Enumerable.Range(0, train.Count).ToArray();
        var history = new List<EpochMetrics>();
        using var indices = _device.Accelerator.Allocate1D<int>(train.Count);
        using var shuffledLabels = _device.Accelerator.Allocate1D<int>(train.Count);
        using var losses = _device.Accelerator.Allocate1D<float>(train.Count);
        using var correct = _device.Accelerator.Allocate1D<float>(train.Count);
        var ops = _device.Ops;
        var adamSettings = new AdamSettings[DivergenceCheckSteps];
        bool reports = progress is not null && progressInterval != Timeout.InfiniteTimeSpan;

        // Steps go in runs to the next divergence check, except where each must be seen alone: a
        // report after every step (a zero interval), or augmentation's launch before each.
        bool runs = _options.Augmentation is null && !(reports && progressInterval <= TimeSpan.Zero);

        int startEpoch = 1;
        int startStep = 0;
        if (resumeFrom is not null)
        {
            Restore(resumeFrom, train.Count, order, losses, correct);
            history.AddRange(resumeFrom.History);
            startEpoch = resumeFrom.Epoch;
            startStep = resumeFrom.Step;
        }

        for (int epoch = startEpoch; epoch <= _options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            int firstStep = epoch == startEpoch ? startStep : 0;
            if (epoch != startEpoch || resumeFrom is null)
            {
                _shuffle.Shuffle(order); // a resumed epoch's order was replayed by Restore
            }

            indices.View.CopyFromCPU(order);

            // The labels in this epoch's order, gathered once per epoch; the images are read
            // through the indices by the first layer's kernels, so a step gathers nothing.
            ops.Gather.Labels(train.Labels, indices.View, shuffledLabels.View, train.Count);
            int checkedRows = firstStep * batch; // rows whose losses are known to be finite

            for (int step = firstStep; step < steps;)
            {
                if (cancellation.IsCancellationRequested)
                {
                    throw new TrainingInterruptedException(Capture(epoch, step, history, losses, correct, step * batch), cancellation);
                }

                int first = step * batch;
                int rows = Math.Min(batch, train.Count - first);
                int stepEnd = RunEnd(step, train.Count / batch, runs);
                int images = (stepEnd - step) * rows;
                ArrayView<int> batchIndices = ((ArrayView<int>)indices.View).SubView(first, images);
                ArrayView<int> labels = ((ArrayView<int>)shuffledLabels.View).SubView(first, images);

                // Dropout's mask and the augmentation's draws are keyed by the optimiser step, so
                // a resumed run repeats them and every epoch draws anew.
                uint drawStep = (uint)Network.AdamSteps;
                var (pixels, pixelRows) = (train.Pixels, batchIndices);
                if (_options.Augmentation is { } ranges)
                {
                    // With augmentation the batch is gathered (and distorted) into the network's
                    // input by one more launch, and the step reads it from there.
                    ops.Augment.Run(train.Pixels, batchIndices, Network.Input(rows), rows, _imageSide, ranges, _augmentSeed, drawStep);
                    (pixels, pixelRows) = (default, default);
                }

                var adam = adamSettings.AsSpan(0, stepEnd - step);
                for (int s = 0; s < adam.Length; s++)
                {
                    adam[s] = StepSettings(Network.AdamSteps + s, totalSteps);
                }

                Network.TrainSteps(pixels, pixelRows, labels, losses.Slice(first, images), correct.Slice(first, images), rows, _options.DropoutRate, _dropoutSeed, drawStep, adam);
                step = stepEnd;

                bool report = reports && step < steps && clock.Elapsed - lastReport >= progressInterval;
                if (report || step % DivergenceCheckSteps == 0)
                {
                    var soFar = Sum(losses, correct, first + images);
                    checkedRows = CheckFinite(soFar, losses, checkedRows, first + images, epoch);
                    if (report)
                    {
                        lastReport = clock.Elapsed;
                        progress!(new TrainingProgress(epoch, _options.Epochs, step, steps, soFar.Loss, soFar.Accuracy));
                    }
                }
            }

            var trained = Sum(losses, correct, train.Count);
            CheckFinite(trained, losses, checkedRows, train.Count, epoch);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            LossAndAccuracy? validated = validation is { Count: > 0 } ? Evaluate(validation) : null;
            var metrics = new EpochMetrics(epoch, trained.Loss, trained.Accuracy, validated?.Loss, validated?.Accuracy, clock.Elapsed.TotalSeconds, trainSeconds);
            history.Add(metrics);
            progress?.Invoke(new TrainingProgress(epoch, _options.Epochs, steps, steps, trained.Loss, trained.Accuracy));
            epochEnd?.Invoke(metrics);
        }

        return history;
    }

    /// <summary>
    /// Compiles every kernel a run with <paramref name="options"/> launches on <paramref name="device"/>
    /// (loading an op compiles the one variant the device chose for it, once per device): the fused
    /// step where the device chose one, else the separate ops, then the metric sums, the label
    /// gather, evaluation's ops and augmentation. `train` does this while a second core reads MNIST,
    /// rather than in the first training step.
    /// </summary>
    public static void Precompile(ComputeDevice device, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        var ops = device.Ops;
        if (ops.ChosenVariant<CpuTrainingStep>() is not null)
        {
            _ = ops.CpuTrainingStep;
        }
        else
        {
            _ = ops.WeightGradient;
            _ = ops.InputGradient;
            _ = ops.Adam;
        }

        _ = ops.DenseForward; // evaluation's forward passes, wherever the step runs
        _ = ops.SoftmaxCrossEntropy;
        _ = ops.PixelBatch; // evaluation's chunks, and the separate ops' batches
        _ = ops.Gather;
        _ = ops.MetricSums;
        if (options.Augmentation is not null)
        {
            _ = ops.Augment;
        }
    }

    /// <summary>The seed of a run's augmentation draws, derived from the run's seed as dropout's is (<see cref="DropoutSeeds.OfRun"/>).</summary>
    internal static uint AugmentSeedOf(int runSeed) => DropoutMask.Hash((uint)runSeed, 0xA6u, 0u);

    /// <summary>The side of the square images augmentation transforms; other images cannot be augmented.</summary>
    internal static int ImageSide(int width)
    {
        int side = (int)Math.Round(Math.Sqrt(width));
        return side * side == width
            ? side
            : throw new ArgumentException($"--augment needs square images; these have {width} pixels", nameof(width));
    }

    /// <summary>
    /// Where the run of steps that starts at <paramref name="step"/> ends: the steps of whole
    /// batches up to the next divergence check, which the network takes in as few launches as it
    /// can (<see cref="DeviceNetwork.TrainSteps"/>), or the one step that must be taken alone (the
    /// short last batch, or every step where <paramref name="runs"/> is false). Runs end where
    /// checks fall, and the cancellation and the progress clock are looked at between runs, so
    /// nothing waits for more than <see cref="DivergenceCheckSteps"/> steps.
    /// </summary>
    private static int RunEnd(int step, int wholeBatches, bool runs) =>
        runs && step < wholeBatches ? Math.Min(wholeBatches, ((step / DivergenceCheckSteps) + 1) * DivergenceCheckSteps) : step + 1;

    /// <summary>Adam's settings for the step after <paramref name="adamSteps"/> steps: the schedule's learning rate, passed to the kernel through its alpha.</summary>
    private AdamSettings StepSettings(int adamSteps, int totalSteps) =>
        _options.Adam with { LearningRate = _options.Schedule.RateAt(_options.Adam.LearningRate, adamSteps, totalSteps) };

    /// <summary>Mean loss and accuracy of the network (no dropout) over a dataset.</summary>
    public LossAndAccuracy Evaluate(DeviceDataset data) => Evaluation.LossAndAccuracy(_device, Network, data);

    public void Dispose()
    {
        Network.Dispose();
        _totals.Dispose();
    }

    /// <summary>The shuffle's generator: one per run, drawn from once per epoch, so epoch e's order is the seed's e-th shuffle.</summary>
    private static Random NewShuffle(int seed) => new(unchecked((int)DropoutMask.Hash((uint)seed, 0x5Eu, 0u)));

    /// <summary>Reads everything a resumed run needs at the boundary before step <paramref name="step"/>.</summary>
    private TrainingCheckpoint Capture(int epoch, int step, List<EpochMetrics> history, MemoryBuffer1D<float, Stride1D.Dense> losses, MemoryBuffer1D<float, Stride1D.Dense> correct, int rows)
    {
        var checkpoint = new TrainingCheckpoint
        {
            Shape = Network.Shape,
            Seed = _options.Seed,
            BatchSize = _options.BatchSize,
            TrainCount = (int)losses.Length,
            Epoch = epoch,
            Step = step,
            AdamSteps = Network.AdamSteps,
            History = history.ToArray(),
            Parameters = Network.ReadParameters(),
            AdamFirstMoments = Network.AdamFirstMoments.GetAsArray(),
            AdamSecondMoments = Network.AdamSecondMoments.GetAsArray(),
            PartialLosses = losses.Slice(0, rows).GetAsArray(),
            PartialCorrect = correct.Slice(0, rows).GetAsArray(),
        };
        _device.Counters.Synchronized();
        return checkpoint;
    }

    /// <summary>Puts a checkpoint's state on the device and replays the shuffles up to its epoch into order.</summary>
    private void Restore(TrainingCheckpoint checkpoint, int trainCount, int[] order, MemoryBuffer1D<float, Stride1D.Dense> losses, MemoryBuffer1D<float, Stride1D.Dense> correct)
    {
        int steps = (trainCount + _options.BatchSize - 1) / _options.BatchSize;
        if (checkpoint.Shape != Network.Shape || checkpoint.Seed != _options.Seed || checkpoint.BatchSize != _options.BatchSize || checkpoint.TrainCount != trainCount)
        {
            throw new TrainingCheckpointException(
                $"the checkpoint is of a {checkpoint.Shape} network, seed {checkpoint.Seed}, batch {checkpoint.BatchSize}, {checkpoint.TrainCount} training images; " +
                $"this run is {Network.Shape}, seed {_options.Seed}, batch {_options.BatchSize}, {trainCount} images");
        }

        if (checkpoint.Epoch > _options.Epochs || checkpoint.Step >= steps || checkpoint.PartialLosses.Length != Math.Min(checkpoint.Step * _options.BatchSize, trainCount))
        {
            throw new TrainingCheckpointException($"the checkpoint's position (epoch {checkpoint.Epoch}, step {checkpoint.Step}) is not in a run of {_options.Epochs} epochs of {steps} steps");
        }

        Network.WriteParameters(checkpoint.Parameters);
        Network.AdamFirstMoments.CopyFromCPU(checkpoint.AdamFirstMoments);
        Network.AdamSecondMoments.CopyFromCPU(checkpoint.AdamSecondMoments);
        Network.RestoreAdamSteps(checkpoint.AdamSteps);
        if (checkpoint.PartialLosses.Length > 0)
        {
            losses.Slice(0, checkpoint.PartialLosses.Length).CopyFromCPU(checkpoint.PartialLosses);
            correct.Slice(0, checkpoint.PartialCorrect.Length).CopyFromCPU(checkpoint.PartialCorrect);
        }

        _shuffle = NewShuffle(_options.Seed);
        for (int epoch = 1; epoch <= checkpoint.Epoch; epoch++)
        {
            _shuffle.Shuffle(order);
        }
    }

    /// <summary>
    /// A mean loss above this means training has diverged, even while it is still finite: a
    /// uniform guess over 10 classes costs ln 10 = 2.3, and a healthy network that is confidently
    /// wrong costs tens. Adam moves each weight by about the learning rate per step, so a far too
    /// large rate (say 1000) makes the loss explode without ever overflowing.
    /// </summary>
    public const double DivergedLoss = 1000;

    private static bool Diverged(double loss) => !double.IsFinite(loss) || loss > DivergedLoss;

    /// <summary>
    /// Throws <see cref="TrainingDivergedException"/> when the mean loss so far is not finite or
    /// above <see cref="DivergedLoss"/>, naming the step of the first such per-image loss in rows
    /// [from, to) (read back only then). Returns to.
    /// </summary>
    private int CheckFinite(LossAndAccuracy sums, MemoryBuffer1D<float, Stride1D.Dense> losses, int from, int to, int epoch)
    {
        if (!Diverged(sums.Loss))
        {
            return to;
        }

        float[] span = losses.Slice(from, to - from).GetAsArray();
        int bad = Array.FindIndex(span, loss => Diverged(loss));
        int row = bad < 0 ? to - 1 : from + bad;
        throw new TrainingDivergedException(epoch, (row / _options.BatchSize) + 1, bad < 0 ? float.MaxValue : span[bad]);
    }

    /// <summary>Sums the first count losses and hits on the device and reads back two floats.</summary>
    private LossAndAccuracy Sum(MemoryBuffer1D<float, Stride1D.Dense> losses, MemoryBuffer1D<float, Stride1D.Dense> correct, int count)
    {
        var means = LossAndAccuracy.MeanOf(_device, losses, correct, _totals, count);
        _device.Counters.Synchronized();
        return means;
    }
}
