using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Reference;
using Handwriting.Training.Tests.Data;
using ILGPU.Runtime;

namespace Handwriting.Training.Tests.Training;

/// <summary>
/// Training with <see cref="TrainingOptions.Augmentation"/>: a step on an augmented batch matches
/// the float64 reference trainer fed by the float64 augmentation, the trainer feeds the network
/// the images it should, and augmented runs repeat from their seed.
/// </summary>
[Collection(RealMnistCollection.Name)]
public sealed class AugmentedTrainingTests(RealMnist mnist)
{
    private static readonly TrainingOptions Options = new() { Epochs = 1 };

    [Theory]
    [InlineData(0f)]
    [InlineData(2f)]
    public void A_step_on_an_augmented_batch_matches_the_reference_trainer(float elastic)
    {
        var shape = new MlpShape(784, [48], 10);
        var images = mnist.Data.Train.Take(40);
        int[] indices = [3, 17, 17, 0, 39, 8, 25];
        int rows = indices.Length;
        var ranges = AugmentRanges.Affine.WithElastic(elastic);
        float[] parameters = GlorotUniform.Initialize(shape, seed: 5);
        int[] labels = Array.ConvertAll(indices, i => images.Labels[i]);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var network = new DeviceNetwork(device, shape, parameters, capacity: rows);
        var reference = new ReferenceNetwork(shape, parameters);

        using var source = device.Accelerator.Allocate1D(images.Pixels.ToArray());
        using var rowIndices = device.Accelerator.Allocate1D(indices);
        using var labelBuffer = device.Accelerator.Allocate1D(labels);
        using var losses = device.Accelerator.Allocate1D<float>(rows);
        using var correct = device.Accelerator.Allocate1D<float>(rows);
        // As the trainer does: the augmented batch into the network's input, then the step reads it there.
        device.Ops.Augment.Run(source.View, rowIndices.View, network.Input(rows), rows, 28, ranges, seed: 9, step: 4);
        network.TrainStep(default, default, labelBuffer.View, losses.View, correct.View, rows, 0.2f, 9, 4, new AdamSettings());
        float[] logits = network.Logits(rows).GetAsArray();

        var batch64 = new double[rows * 784];
        AugmentReference.Run(images.Pixels.ToArray(), indices, batch64, rows, 28, ranges, seed: 9, step: 4);
        var (referenceLosses, _) = reference.TrainStep(batch64, labels, rows, 0.2f, 9, 4, new AdamSettings());

        new Tolerance(1e-4, 1e-4).AssertClose(reference.Logits, logits, $"logits, elastic {elastic}");
        new Tolerance(1e-4, 1e-4).AssertClose(referenceLosses, losses.GetAsArray1D(), $"losses, elastic {elastic}");
        new Tolerance(2e-5, 1e-4).AssertClose(reference.Parameters, network.ReadParameters(), $"parameters after Adam, elastic {elastic}");
    }

    /// <summary>
    /// Identity ranges send every image through the augment kernel unchanged, so the network must
    /// see exactly the batch it sees without augmentation: the same rows, in the same order.
    /// </summary>
    [Fact]
    public void Identity_augmentation_trains_exactly_as_no_augmentation()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, mnist.Data.Train.Take(640));

        Assert.Equal(Trained(device, train, Options), Trained(device, train, Options with { Augmentation = AugmentRanges.Identity }));
    }

    [Fact]
    public void Augmented_runs_repeat_from_their_seed_and_differ_from_plain_ones()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var train = new DeviceDataset(device.Accelerator, mnist.Data.Train.Take(640));
        var augmented = Options with { Augmentation = AugmentRanges.Affine };

        float[] first = Trained(device, train, augmented);

        Assert.Equal(first, Trained(device, train, augmented));
        Assert.NotEqual(first, Trained(device, train, Options));
        Assert.NotEqual(first, Trained(device, train, augmented with { Augmentation = AugmentRanges.Affine.WithElastic(2f) }));
        Assert.NotEqual(first, Trained(device, train, augmented with { Seed = 1 }));
    }

    [Fact]
    public void The_preview_shows_the_first_images_as_the_first_step_draws_them()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        var images = mnist.Data.Train.Take(30);
        using var train = new DeviceDataset(device.Accelerator, images);

        var identity = AugmentationPreview.Of(device, train, AugmentRanges.Identity, runSeed: 0, count: 25);
        var affine = AugmentationPreview.Of(device, train, AugmentRanges.Affine, runSeed: 0, count: 25);

        Assert.Equal(25, identity.Count);
        Assert.Equal(images.Image(0), identity[0]);
        Assert.Equal(images.Image(24), identity[24]);
        Assert.NotEqual(identity[0], affine[0]);
    }

    [Fact]
    public void Invalid_ranges_are_refused_with_the_option_named()
    {
        var elastic = Options with { Augmentation = AugmentRanges.Affine.WithElastic(-1f) };
        var scale = Options with { Augmentation = AugmentRanges.Affine with { ScaleMin = 0f } };

        Assert.StartsWith("--elastic:", Assert.Throws<ArgumentException>(elastic.Validate).Message, StringComparison.Ordinal);
        Assert.StartsWith("--augment:", Assert.Throws<ArgumentException>(scale.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_that_are_not_square_cannot_be_augmented()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);

        var refused = Assert.Throws<ArgumentException>(() => new Trainer(device, Options with { Augmentation = AugmentRanges.Affine }, 10, 10));

        Assert.Contains("square", refused.Message, StringComparison.Ordinal);
    }

    private static float[] Trained(ComputeDevice device, DeviceDataset train, TrainingOptions options)
    {
        using var trainer = new Trainer(device, options, 784, 10);
        trainer.Fit(train, null);
        return trainer.Network.ReadParameters();
    }
}
