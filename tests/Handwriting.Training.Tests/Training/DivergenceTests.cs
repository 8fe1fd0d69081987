using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Network;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Training;

/// <summary>A loss that becomes NaN or infinite stops training, naming the epoch and the step.</summary>
[Collection(RealMnistCollection.Name)]
public sealed class DivergenceTests(RealMnist mnist)
{
    [Fact]
    // Adam moves each parameter by about the learning rate per step, so 1000 gives a huge but
    // finite loss (about 1e8 after an epoch); 1e20 overflows within the first epoch.
    public void A_huge_learning_rate_stops_training_naming_the_first_step_with_a_non_finite_loss()
    {
        var (training, _) = mnist.Data.Train.Take(3200).Split(0);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training.Pixels, training.Labels, training.PixelsPerImage);
        var options = new TrainingOptions { Epochs = 2, Adam = new AdamSettings(1e20f) };
        using var trainer = new Trainer(device, options, 784, 10);

        var diverged = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train, null));

        Assert.Matches(@"^training diverged: the loss became (NaN|infinite) at epoch \d+, step \d+; try a smaller --learning-rate$", diverged.Message);

        // The same run, checked after every step (progress each step), stops at that very step:
        // the search through the 64-step span found the first one.
        using var watched = new Trainer(device, options, 784, 10);
        var again = Assert.Throws<TrainingDivergedException>(() => watched.Fit(train, null, _ => { }, TimeSpan.Zero));
        Assert.Equal((diverged.Epoch, diverged.Step), (again.Epoch, again.Step));
        Assert.True(diverged.Step > 1, $"step {diverged.Step}: the first steps are finite, so the search had a span to search");
    }
}
