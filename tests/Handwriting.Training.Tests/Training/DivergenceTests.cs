using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Network;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Training;

/// <summary>A loss that becomes NaN, infinite or absurdly large stops training, naming the epoch and the step.</summary>
[Collection(RealMnistCollection.Name)]
public sealed class DivergenceTests(RealMnist mnist)
{
    // Adam moves each parameter by about the learning rate per step: 1000 gives a huge but finite
    // loss (about 1e7 in the first epoch), 1e20 overflows within it. Both must stop.
    [Theory]
    [InlineData(1000f)]
    [InlineData(1e20f)]
    public void A_huge_learning_rate_stops_training_naming_the_first_step_with_a_diverged_loss(float learningRate)
    {
        var (training, _) = mnist.Data.Train.Take(3200).Split(0);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, training);
        var options = new TrainingOptions { Epochs = 2, Adam = new AdamSettings(learningRate) };
        using var trainer = new Trainer(device, options, 784, 10);

        var diverged = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train, null));

        Assert.Matches(@"^training diverged: the loss (became NaN|became infinite|reached \S+, far above the 1000 that means divergence) at epoch 1, step \d+; try a smaller --learning-rate$", diverged.Message);

        // The same run, checked after every step (progress each step), stops at that very step:
        // the search through the 64-step span found the first one.
        using var watched = new Trainer(device, options, 784, 10);
        var again = Assert.Throws<TrainingDivergedException>(() => watched.Fit(train, null, _ => { }, TimeSpan.Zero));
        Assert.Equal((diverged.Epoch, diverged.Step), (again.Epoch, again.Step));
        Assert.True(diverged.Step > 1, $"step {diverged.Step}: the first steps are finite, so the search had a span to search");
    }
}
