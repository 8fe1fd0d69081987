using Handwriting.Kernels;
using Handwriting.Training.Data;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Network;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Training;

/// <summary>
/// What HANDWRITING_CPU_KERNELS chooses (the fused SIMD step at some width, or the portable
/// kernels' separate launches) changes only the time: a whole <see cref="Trainer"/> run on 1,200
/// MNIST images (960 to train, the last batch partial: 30 steps of 32; 240 to validate), 2 epochs,
/// ends with the same parameters and history bit for bit, and a run interrupted under one choice
/// and resumed under the other ends as the uninterrupted one.
/// </summary>
[Collection(RealMnistCollection.Name)]
public sealed class CpuKernelChoiceTrainingTests(RealMnist mnist)
{
    private static readonly TrainingOptions Options = new() { Epochs = 2, DropoutRate = 0.2f };

    [Fact]
    public void Every_kernel_choice_trains_the_same_model_bit_for_bit()
    {
        var (training, validation) = mnist.Data.Train.Take(1190).Split(0.2);
        var (expected, expectedHistory) = Trained(training, validation, KernelVariant.Portable);
        foreach (var width in SimdWidths.Accelerated)
        {
            var (parameters, history) = Trained(training, validation, KernelVariants.Of(width));
            SameBits.Assert(expected, parameters, $"parameters trained with SIMD {width} against the portable kernels");
            Assert.Equal(Metrics(expectedHistory), Metrics(history));
        }
    }

    [Fact]
    public void A_run_interrupted_with_simd_resumes_with_the_portable_kernels_bit_identical()
    {
        var (training, validation) = mnist.Data.Train.Take(1200).Split(0.2);
        var (expected, expectedHistory) = Trained(training, validation, KernelVariants.WidestSimd);

        TrainingCheckpoint checkpoint;
        using (var device = ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariants.WidestSimd))
        using (var train = new DeviceDataset(device.Accelerator, training))
        using (var held = new DeviceDataset(device.Accelerator, validation))
        using (var interrupted = new Trainer(device, Options, 784, 10))
        using (var cancel = new CancellationTokenSource())
        {
            void Progress(TrainingProgress p)
            {
                if (p.Epoch == 1 && p.Step == 13)
                {
                    cancel.Cancel();
                }
            }

            checkpoint = Assert.Throws<TrainingInterruptedException>(() => interrupted.Fit(train, held, Progress, TimeSpan.Zero, cancellation: cancel.Token)).Checkpoint!;
        }

        using var portable = ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariant.Portable);
        using var portableTrain = new DeviceDataset(portable.Accelerator, training);
        using var portableHeld = new DeviceDataset(portable.Accelerator, validation);
        using var resumed = new Trainer(portable, Options, 784, 10);
        var history = resumed.Fit(portableTrain, portableHeld, resumeFrom: checkpoint);

        SameBits.Assert(expected, resumed.Network.ReadParameters(), "parameters resumed with the portable kernels");
        Assert.Equal(Metrics(expectedHistory), Metrics(history));
    }

    /// <summary>A whole run on a CPU device opened with <paramref name="variant"/> forced.</summary>
    private static (float[] Parameters, IReadOnlyList<EpochMetrics> History) Trained(ImageSet training, ImageSet validation, KernelVariant variant)
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu, variant);
        using var train = new DeviceDataset(device.Accelerator, training);
        using var held = new DeviceDataset(device.Accelerator, validation);
        using var trainer = new Trainer(device, Options, 784, 10);
        var history = trainer.Fit(train, held);
        return (trainer.Network.ReadParameters(), history);
    }

    private static IEnumerable<(int, double, double, double?, double?)> Metrics(IReadOnlyList<EpochMetrics> history) =>
        history.Select(e => (e.Epoch, e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy));
}
