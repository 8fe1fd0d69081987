using System.Diagnostics;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training;

/// <summary>
/// Trains a <see cref="DeviceNetwork"/> the way Keras's model.fit does: shuffle every epoch,
/// minibatches of BatchSize (the last one smaller), Adam after every batch, validation after
/// every epoch. A step launches kernels only. Per-image losses and hits are written to
/// device buffers as the epoch goes, and summed on the device when the epoch ends (or when a
/// progress display asks, at most once per progress interval): those are the only reads.
/// </summary>
public sealed class Trainer : IDisposable
{
    /// <summary>Rows per forward pass when evaluating: big enough to keep launches few.</summary>
    public const int EvaluationRows = 1000;

    private readonly ComputeDevice _device;
    private readonly TrainingOptions _options;
    private readonly uint _dropoutSeed;
    private readonly Random _shuffle;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _totals;

    public Trainer(ComputeDevice device, TrainingOptions options, int inputs, int classes)
    {
        options.Validate();
        _device = device;
        _options = options;
        var shape = new MlpShape(inputs, options.Hidden, classes);
        Network = new DeviceNetwork(device, shape, GlorotUniform.Initialize(shape, options.Seed), Math.Max(options.BatchSize, EvaluationRows));
        _dropoutSeed = DropoutMask.Hash((uint)options.Seed, 0xD0u, 0u);
        _shuffle = new Random(unchecked((int)DropoutMask.Hash((uint)options.Seed, 0x5Eu, 0u)));
        _totals = device.Accelerator.Allocate1D<float>(2);
    }

    public DeviceNetwork Network { get; }

    /// <summary>
    /// Trains for the configured epochs. <paramref name="progress"/>, when given, is called at
    /// most once per <paramref name="progressInterval"/> inside an epoch (each call costs one
    /// device synchronisation); <paramref name="epochEnd"/> after every epoch.
    /// </summary>
    public IReadOnlyList<EpochMetrics> Fit(
        DeviceDataset train,
        DeviceDataset? validation,
        Action<TrainingProgress>? progress = null,
        TimeSpan progressInterval = default,
        Action<EpochMetrics>? epochEnd = null)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException("the training set is empty", nameof(train));
        }

        int batch = _options.BatchSize;
        int steps = (train.Count + batch - 1) / batch;
        var order = Enumerable.Range(0, train.Count).ToArray();
        var history = new List<EpochMetrics>();
        using var indices = _device.Accelerator.Allocate1D<int>(train.Count);
        using var shuffledLabels = _device.Accelerator.Allocate1D<int>(train.Count);
        using var losses = _device.Accelerator.Allocate1D<float>(train.Count);
        using var correct = _device.Accelerator.Allocate1D<float>(train.Count);
        var ops = _device.Ops;

        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            _shuffle.Shuffle(order);
            indices.View.CopyFromCPU(order);

            // The labels in this epoch's order, gathered once per epoch; the images are read
            // through the indices by the first layer's kernels, so a step gathers nothing.
            ops.Gather.Labels(train.Labels, indices.View, shuffledLabels.View, train.Count);

            for (int step = 0; step < steps; step++)
            {
                int first = step * batch;
                int rows = Math.Min(batch, train.Count - first);
                ArrayView<int> batchIndices = ((ArrayView<int>)indices.View).SubView(first, rows);
                ArrayView<int> labels = ((ArrayView<int>)shuffledLabels.View).SubView(first, rows);

                // Dropout's mask is keyed by the optimiser step, so a resumed run repeats it.
                uint maskStep = (uint)Network.AdamSteps;
                Network.Forward(train.Pixels, batchIndices, rows, _options.DropoutRate, _dropoutSeed, maskStep);
                Network.Loss(labels, Slice(losses, first, rows), Slice(correct, first, rows), rows);
                Network.Backward(train.Pixels, batchIndices, rows, _options.DropoutRate);
                Network.AdamStep(_options.Adam);

                if (progress is not null && step + 1 < steps && clock.Elapsed - lastReport >= progressInterval)
                {
                    lastReport = clock.Elapsed;
                    var soFar = Sum(losses, correct, first + rows);
                    progress(new TrainingProgress(epoch, _options.Epochs, step + 1, steps, soFar.Loss, soFar.Accuracy));
                }
            }

            var trained = Sum(losses, correct, train.Count);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            LossAndAccuracy? validated = validation is { Count: > 0 } ? Evaluate(validation) : null;
            var metrics = new EpochMetrics(epoch, trained.Loss, trained.Accuracy, validated?.Loss, validated?.Accuracy, clock.Elapsed.TotalSeconds, trainSeconds);
            history.Add(metrics);
            progress?.Invoke(new TrainingProgress(epoch, _options.Epochs, steps, steps, trained.Loss, trained.Accuracy));
            epochEnd?.Invoke(metrics);
        }

        return history;
    }

    /// <summary>Mean loss and accuracy of the network (no dropout) over a dataset.</summary>
    public LossAndAccuracy Evaluate(DeviceDataset data) => Evaluation.LossAndAccuracy(_device, Network, data);

    public void Dispose()
    {
        Network.Dispose();
        _totals.Dispose();
    }

    private static ArrayView<float> Slice(MemoryBuffer1D<float, Stride1D.Dense> buffer, int first, int rows) =>
        ((ArrayView<float>)buffer.View).SubView(first, rows);

    /// <summary>Sums the first count losses and hits on the device and reads back two floats.</summary>
    private LossAndAccuracy Sum(MemoryBuffer1D<float, Stride1D.Dense> losses, MemoryBuffer1D<float, Stride1D.Dense> correct, int count)
    {
        _device.Ops.MetricSums.Run(Slice(losses, 0, count), Slice(correct, 0, count), _totals.View, count);
        var totals = _totals.GetAsArray1D();
        _device.Counters.Synchronized();
        return new LossAndAccuracy(totals[0] / count, totals[1] / count);
    }
}
