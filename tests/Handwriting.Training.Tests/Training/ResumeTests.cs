using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Network;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Training;

/// <summary>
/// An interrupted run, continued from its checkpoint (through a file), ends with exactly the
/// parameters and history of a run that was never interrupted. 1,200 images: 960 to train
/// (30 steps of 32), 240 to validate, 2 epochs.
/// </summary>
[Collection(RealMnistCollection.Name)]
public sealed class ResumeTests(RealMnist mnist) : IDisposable
{
    private const int Steps = 30;

    private static readonly TrainingOptions Options = new() { Epochs = 2 };

    /// <summary>A cosine schedule and AdamW: both depend on the step number, which the checkpoint restores.</summary>
    private static readonly TrainingOptions Scheduled = Options with
    {
        Schedule = LearningRateSchedule.Cosine,
        Adam = new Kernels.AdamSettings(LearningRate: 0.002f, WeightDecay: 0.05f),
    };

    /// <summary>Augmentation draws from the step number too: affine, elastic and the capture degradations, each step's draws differ.</summary>
    private static readonly TrainingOptions Augmented = Options with { Augmentation = Kernels.AugmentRanges.Affine.WithElastic(2f).WithCapture(Kernels.CaptureRanges.Captures) };

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, 13)] // in the middle of epoch 1
    [InlineData(2, 0)] // exactly at the boundary between the epochs
    [InlineData(2, Steps - 1)] // before the very last step
    [InlineData(1, 13, true)]
    [InlineData(2, 0, true)]
    [InlineData(1, 13, false, true)]
    [InlineData(1, 13, true, false, true)] // the portable kernels, separate launches (the default on the CPU is the fused SIMD step)
    public void A_resumed_run_ends_bit_identical_to_an_uninterrupted_one(int epoch, int step, bool scheduled = false, bool augmented = false, bool portable = false)
    {
        var options = scheduled ? Scheduled : augmented ? Augmented : Options;
        var (training, validation) = mnist.Data.Train.Take(1200).Split(0.2);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu, portable ? KernelVariant.Portable : null);

        using var train = new DeviceDataset(device.Accelerator, training);
        using var held = new DeviceDataset(device.Accelerator, validation);

        float[] expected;
        IReadOnlyList<EpochMetrics> expectedHistory;
        using (var uninterrupted = new Trainer(device, options, 784, 10))
        {
            expectedHistory = uninterrupted.Fit(train, held);
            expected = uninterrupted.Network.ReadParameters();
        }

        TrainingCheckpoint checkpoint = Interrupt(device, train, held, epoch, step, options);
        Assert.Equal((epoch, step), (checkpoint.Epoch, checkpoint.Step));
        string path = _folder.File("checkpoint.bin");
        checkpoint.Save(path);

        using var resumed = new Trainer(device, options, 784, 10);
        var history = resumed.Fit(train, held, resumeFrom: TrainingCheckpoint.Load(path));

        Assert.Equal(expected, resumed.Network.ReadParameters());
        Assert.Equal(
            expectedHistory.Select(e => (e.Epoch, e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy)),
            history.Select(e => (e.Epoch, e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy)));
    }

    [Fact]
    public void The_schedule_and_the_weight_decay_each_change_the_trained_parameters()
    {
        var (training, _) = mnist.Data.Train.Take(1200).Split(0.2);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training);
        float[] Trained(TrainingOptions options)
        {
            using var trainer = new Trainer(device, options, 784, 10);
            trainer.Fit(train, null);
            return trainer.Network.ReadParameters();
        }

        float[] plain = Trained(Options);
        float[] cosine = Trained(Options with { Schedule = LearningRateSchedule.Cosine });
        float[] step = Trained(Options with { Schedule = LearningRateSchedule.Step });
        float[] decayed = Trained(Options with { Adam = new Kernels.AdamSettings(WeightDecay: 1f) });

        Assert.NotEqual(plain, cosine);
        Assert.NotEqual(plain, step);
        Assert.NotEqual(cosine, step);
        Assert.NotEqual(plain, decayed);
        Assert.Equal(plain, Trained(Options with { Schedule = LearningRateSchedule.Constant, Adam = new Kernels.AdamSettings(WeightDecay: 0f) }));

        // Decay pulls every weight towards zero.
        Assert.True(decayed.Sum(p => (double)p * p) < plain.Sum(p => (double)p * p), "AdamW's weights are smaller");
    }

    [Fact]
    public void A_checkpoint_of_other_settings_is_refused()
    {
        var (training, _) = mnist.Data.Train.Take(1200).Split(0.2);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training);
        TrainingCheckpoint checkpoint = Interrupt(device, train, null, 1, 5);

        using var otherSeed = new Trainer(device, Options with { Seed = 1 }, 784, 10);
        var refused = Assert.Throws<TrainingCheckpointException>(() => otherSeed.Fit(train, null, resumeFrom: checkpoint));
        Assert.Contains("seed 0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_cancelled_before_training_stops_at_the_first_step()
    {
        var (training, _) = mnist.Data.Train.Take(200).Split(0);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training);
        using var trainer = new Trainer(device, Options, 784, 10);

        var stopped = Assert.Throws<TrainingInterruptedException>(() => trainer.Fit(train, null, cancellation: new CancellationToken(canceled: true)));

        Assert.Equal((1, 0, 0), (stopped.Checkpoint!.Epoch, stopped.Checkpoint.Step, stopped.Checkpoint.AdamSteps));
        Assert.Empty(stopped.Checkpoint.PartialLosses);
    }

    /// <summary>Cancels the token once <paramref name="step"/> steps of <paramref name="epoch"/> are done; returns the checkpoint.</summary>
    private static TrainingCheckpoint Interrupt(ComputeDevice device, DeviceDataset train, DeviceDataset? held, int epoch, int step, TrainingOptions? options = null)
    {
        using var trainer = new Trainer(device, options ?? Options, 784, 10);
        using var cancel = new CancellationTokenSource();
        void Progress(TrainingProgress p)
        {
            // Progress comes after every step but an epoch's last, and once more at its end.
            if ((step == 0 && p.Epoch == epoch - 1 && p.Step == p.Steps) || (p.Epoch == epoch && p.Step == step))
            {
                cancel.Cancel();
            }
        }

        var stopped = Assert.Throws<TrainingInterruptedException>(() => trainer.Fit(train, held, Progress, TimeSpan.Zero, cancellation: cancel.Token));
        return stopped.Checkpoint!;
    }
}
