using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Reference;
using ILGPU.Runtime;

namespace Handwriting.Training.Tests.Training;

/// <summary>
/// Whole training steps (gather-free: the batch is given) as separate launches (the CPU
/// accelerator with the portable kernels forced: what a GPU runs, tiles aside) against the float64
/// reference trainer: logits, losses, every gradient tensor and the parameters after Adam, with the
/// same dropout masks. The fused CPU step is held to the same reference in FusedTrainingStepTests.
/// </summary>
public sealed class TrainingStepTests
{
    private const float DropoutRate = 0.2f;
    private const uint Seed = 1234;

    [Theory]
    [InlineData(new[] { 128 }, 32)]
    [InlineData(new[] { 48, 24 }, 7)]
    [InlineData(new int[0], 5)]
    [InlineData(new[] { 128 }, 32, 20f)] // AdamW: lr * W shrinks every parameter by 2% a step
    [InlineData(new[] { 48, 24 }, 7, 20f)]
    public void StepsMatchTheFloat64ReferenceTrainer(int[] hidden, int rows, float weightDecay = 0f)
    {
        var shape = new MlpShape(784, hidden, 10);
        var random = new Random(hidden.Sum() + rows);
        float[] parameters = GlorotUniform.Initialize(shape, seed: 7);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariant.Portable);
        using var network = new DeviceNetwork(device, shape, parameters, capacity: rows);
        var reference = new ReferenceNetwork(shape, parameters);
        var settings = new AdamSettings(WeightDecay: weightDecay);

        for (uint step = 0; step < 3; step++)
        {
            byte[] pixels = RandomBytes(random, rows * shape.Inputs);
            int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(shape.Outputs)).ToArray();
            double[] pixels64 = PixelBatchReference.UnitRange(pixels);

            using var input = device.Accelerator.Allocate1D(pixels);
            using var labelBuffer = device.Accelerator.Allocate1D(labels);
            using var losses = device.Accelerator.Allocate1D<float>(rows);
            using var correct = device.Accelerator.Allocate1D<float>(rows);
            network.TrainStep(input.View, default, labelBuffer.View, losses.View, correct.View, rows, DropoutRate, Seed, step, settings);
            float[] logits = network.Logits(rows).GetAsArray();
            float[] gradients = network.Gradients.GetAsArray(); // Adam reads them and leaves them
            var (referenceLosses, referenceCorrect) = reference.TrainStep(pixels64, labels, rows, DropoutRate, Seed, step, settings);

            string at = $"step {step} of {shape}, weight decay {weightDecay}";
            new Tolerance(1e-5, 1e-4).AssertClose(reference.Logits, logits, $"logits, {at}");
            new Tolerance(1e-5, 1e-4).AssertClose(referenceLosses, losses.GetAsArray1D(), $"losses, {at}");
            Tolerance.Exact.AssertClose(referenceCorrect, correct.GetAsArray1D(), $"correct, {at}");
            foreach (var layer in shape.Layers)
            {
                new Tolerance(1e-6, 1e-4).AssertClose(reference.Gradients.AsSpan((int)layer.WeightsOffset, layer.WeightCount), gradients.AsSpan((int)layer.WeightsOffset, layer.WeightCount), $"weight gradient {layer.In}x{layer.Out}, {at}");
                new Tolerance(1e-6, 1e-4).AssertClose(reference.Gradients.AsSpan((int)layer.BiasOffset, layer.Out), gradients.AsSpan((int)layer.BiasOffset, layer.Out), $"bias gradient {layer.Out}, {at}");
            }

            // Adam moves each parameter by about the learning rate (1e-3); 2e-5 leaves room only
            // for the sign of gradients smaller than float32's rounding, never for a wrong update.
            new Tolerance(2e-5, 1e-4).AssertClose(reference.Parameters, network.ReadParameters(), $"parameters after Adam, {at}");
        }
    }

    [Fact]
    public void DropoutActuallyDropsDuringTrainingButNotInInference()
    {
        var shape = new MlpShape(784, [64], 10);
        float[] parameters = GlorotUniform.Initialize(shape, seed: 3);
        float[] pixels = RandomPixels(new Random(5), 4 * 784);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var network = new DeviceNetwork(device, shape, parameters, capacity: 4);
        using var input = device.Accelerator.Allocate1D(pixels);

        network.Forward(input.View, 4, 0f, Seed, 0);
        float[] inference = network.Logits(4).GetAsArray();
        network.Forward(input.View, 4, 0.5f, Seed, 0);
        float[] training = network.Logits(4).GetAsArray();
        network.Forward(input.View, 4, 0f, Seed, 9);
        float[] inferenceAgain = network.Logits(4).GetAsArray();

        Assert.NotEqual(inference, training);
        Assert.Equal(inference, inferenceAgain);
    }

    /// <summary>Like MNIST's pixel bytes: 60% paper, the rest any level of ink.</summary>
    private static byte[] RandomBytes(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => random.NextDouble() < 0.6 ? (byte)0 : (byte)random.Next(1, 256)).ToArray();

    private static float[] RandomPixels(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => random.NextDouble() < 0.6 ? 0f : (float)random.NextDouble()).ToArray();
}
