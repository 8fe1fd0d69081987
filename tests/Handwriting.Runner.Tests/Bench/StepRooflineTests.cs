using Handwriting.Kernels.Devices;
using Handwriting.Runner.Bench;
using Handwriting.Training;
using Handwriting.Training.Model;
using Handwriting.Training.Network;

namespace Handwriting.Runner.Tests.Bench;

public sealed class StepRooflineTests
{
    /// <summary>
    /// The roofline table must account for every launch a real GPU step makes, and a step makes at
    /// most 8. The CPU accelerator runs them here with the portable kernels forced, which launch
    /// what a GPU launches; its own SIMD path fuses the step into one launch.
    /// </summary>
    [Fact]
    public void Lists_one_row_per_kernel_launch_of_a_real_training_step()
    {
        const int batch = 32, steps = 4;
        var shape = MlpShape.Seed;
        var random = new Random(3);
        byte[] pixels = Enumerable.Range(0, batch * steps * shape.Inputs).Select(_ => (byte)random.Next(256)).ToArray();
        int[] labels = Enumerable.Range(0, batch * steps).Select(_ => random.Next(shape.Outputs)).ToArray();
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu, Kernels.KernelVariant.Portable);
        using var data = new DeviceDataset(device.Accelerator, pixels, labels, shape.Inputs);
        using var trainer = new Trainer(device, new TrainingOptions { Epochs = 1, BatchSize = batch, ValidationSplit = 0 }, shape.Inputs, shape.Outputs);

        long before = device.Counters.Launches;
        trainer.Fit(data, null);
        long launches = device.Counters.Launches - before;

        // Per epoch, besides the steps: the label gather and the two launches of the metric sums.
        const int perEpoch = 3;
        Assert.Equal(StepRoofline.SeedStep(batch).Count, (launches - perEpoch) / steps);
        Assert.Equal(0, (launches - perEpoch) % steps);
        Assert.True(StepRoofline.SeedStep(batch).Count <= 8);
    }

    [Fact]
    public void Counts_the_hidden_layer_matmuls_as_two_flops_per_multiply_add()
    {
        var kernels = StepRoofline.SeedStep(32);

        Assert.Equal(2.0 * 32 * 784 * 128, kernels.Single(kernel => kernel.Kernel.StartsWith("DenseForward, hidden", StringComparison.Ordinal)).Flops);
        Assert.Equal(32.0 * 784, kernels.Single(kernel => kernel.Kernel.StartsWith("PixelBatch", StringComparison.Ordinal)).Flops);
        Assert.Contains("Sum of the rooflines", StepRoofline.Markdown(32), StringComparison.Ordinal);
    }
}
