using Handwriting.Kernels.Devices;
using Handwriting.Runner.Bench;
using Handwriting.Training;
using Handwriting.Training.Data;
using Handwriting.Training.Network;

namespace Handwriting.Runner.Tests.Bench;

public sealed class StepCountsTests
{
    /// <summary>
    /// `bench` counts a step's launches through a training session, which also scores the test
    /// set: the count must cover the training loop alone, as counting around Trainer.Fit does.
    /// </summary>
    [Fact]
    public void Counts_the_launches_of_the_training_loop_and_not_the_test_after_it()
    {
        const int batch = 32, steps = 10;
        var random = new Random(5);
        ImageSet Images(int count) => new(
            Enumerable.Range(0, count * Mnist.Pixels).Select(_ => (byte)random.Next(256)).ToArray(),
            Enumerable.Range(0, count).Select(_ => random.Next(Mnist.Classes)).ToArray());
        var mnist = new MnistData(Images(batch * steps), Images(5000));

        var (launches, synchronizations) = OwnTrainerBenchmark.CountsPerStep(AcceleratorKind.Cpu, batch, steps, mnist);

        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var data = new DeviceDataset(device.Accelerator, mnist.Train);
        using var trainer = new Trainer(device, new TrainingOptions { Epochs = 1, BatchSize = batch, ValidationSplit = 0 }, Mnist.Pixels, Mnist.Classes);
        var (launched, synchronized) = (device.Counters.Launches, device.Counters.Synchronizations);
        trainer.Fit(data, null);
        Assert.Equal((device.Counters.Launches - launched) / (double)steps, launches);
        Assert.Equal((device.Counters.Synchronizations - synchronized) / (double)steps, synchronizations);
    }
}
