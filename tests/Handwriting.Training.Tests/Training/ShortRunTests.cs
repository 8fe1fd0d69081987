using Handwriting.Kernels.Devices;
using Handwriting.Training.Data;
using Handwriting.Training.Network;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Training;

/// <summary>The trainer on real MNIST: it learns, it reports a Keras-shaped history, and a seed repeats a run exactly.</summary>
[Collection(RealMnistCollection.Name)]
public sealed class ShortRunTests(RealMnist mnist)
{
    [Fact]
    public void TwoEpochsOnSixThousandImagesReachNinetyPercentValidationAccuracy()
    {
        var (training, validation) = mnist.Data.Train.Take(6000).Split(0.2);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training);
        using var held = new DeviceDataset(device.Accelerator, validation);
        using var trainer = new Trainer(device, new TrainingOptions { Epochs = 2 }, 784, 10);

        var history = trainer.Fit(train, held);

        Assert.Equal([1, 2], history.Select(e => e.Epoch));
        Assert.True(history[^1].ValidationAccuracy >= 0.90, $"validation accuracy {history[^1].ValidationAccuracy} after 2 epochs on 6,000 images");
        Assert.True(history[1].Loss < history[0].Loss, "training loss should fall from epoch 1 to 2");
        Assert.All(history, e => Assert.True(e.Seconds > 0));
    }

    [Fact]
    public void TheSameSeedGivesTheSameParametersAndAnotherSeedDoesNot()
    {
        var (training, validation) = mnist.Data.Train.Take(1000).Split(0.2);
        float[] first = TrainParameters(training, validation, seed: 11);
        float[] again = TrainParameters(training, validation, seed: 11);
        float[] other = TrainParameters(training, validation, seed: 12);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ProgressIsReportedWithinAnEpochWhenAsked()
    {
        var (training, _) = mnist.Data.Train.Take(640).Split(0);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training);
        using var trainer = new Trainer(device, new TrainingOptions { Epochs = 1, ValidationSplit = 0 }, 784, 10);
        var reports = new List<TrainingProgress>();

        var history = trainer.Fit(train, null, reports.Add, TimeSpan.Zero);

        Assert.Equal(20, reports.Count); // 19 inside the epoch, then its end
        Assert.Equal(Enumerable.Range(1, 20), reports.Select(r => r.Step));
        Assert.Null(history[0].ValidationAccuracy);
        Assert.Equal(history[0].Loss, reports[^1].Loss);
    }

    private static float[] TrainParameters(ImageSet training, ImageSet validation, int seed)
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training);
        using var held = new DeviceDataset(device.Accelerator, validation);
        using var trainer = new Trainer(device, new TrainingOptions { Epochs = 1, Seed = seed }, 784, 10);
        trainer.Fit(train, held);
        return trainer.Network.ReadParameters();
    }
}
