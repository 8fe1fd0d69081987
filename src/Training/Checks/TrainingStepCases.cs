using Handwriting.Kernels;
using Handwriting.Kernels.Checks;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Reference;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Checks;

/// <summary>
/// One whole training step of the device network (forward with dropout, loss, backward, Adam)
/// against the float64 reference trainer: logits, losses, hits, every layer's weight and bias
/// gradient, and the parameters after Adam, with the tolerances of TrainingStepTests. The seed
/// model reads its batch through row indices as the trainer does; two hidden layers at batch 7,
/// and no hidden layer at one row, cover the awkward shapes. "network" is the separate launches
/// (the portable kernels on the CPU accelerator, what the rule picks on a GPU); "fused simdN" the
/// CPU accelerator's one-launch step at each SIMD width (<see cref="CpuTrainingStep"/>).
/// </summary>
public static class TrainingStepCases
{
    public const string Op = "TrainingStep";

    /// <summary>The separate launches of the device network.</summary>
    public const string Network = "network";

    private const float DropoutRate = 0.2f;

    /// <summary>The network, the batch's rows, whether it is read through row indices, and AdamW's decay (0: Adam).</summary>
    private sealed record Shape(MlpShape Network, int Rows, bool InputRows, float WeightDecay)
    {
        public override string ToString() => $"{Network} x{Rows}" + (InputRows ? " gather" : "") + (WeightDecay > 0f ? " AdamW" : "");
    }

    private static readonly Shape[] Shapes =
    [
        new(new MlpShape(784, [128], 10), 32, true, 0f),
        new(new MlpShape(784, [48, 24], 10), 7, false, 20f),
        new(new MlpShape(784, [], 10), 1, true, 0f),
    ];

    public static IEnumerable<CheckCase> All() =>
        [
            .. Shapes.Select(shape => Case(shape, Network, target => target.IsCpu ? target.Forced(KernelVariant.Portable) : target.Device, _ => null)),
            .. from variant in CpuTrainingStep.Variants
               from shape in Shapes
               select Case(shape, $"fused {variant.Name()}", target => target.Forced(variant), target => target.CannotRun<CpuTrainingStep>(variant)),
        ];

    private static CheckCase Case(Shape shape, string variant, Func<CheckTarget, ComputeDevice> device, Func<CheckTarget, string?> cannotRun) =>
        new(Op, variant, shape.ToString(), target =>
        {
            var random = CheckInputs.For($"{Op} {shape}");
            var network = shape.Network;
            int sourceRows = shape.InputRows ? shape.Rows + 5 : shape.Rows;
            var inputs = new Inputs(
                network,
                GlorotUniform.Initialize(network, seed: 7),
                CheckInputs.Pixels(random, (long)sourceRows * network.Inputs),
                shape.InputRows ? CheckInputs.Ints(random, shape.Rows, sourceRows) : [],
                CheckInputs.Ints(random, shape.Rows, network.Outputs),
                new AdamSettings(WeightDecay: shape.WeightDecay));
            return Compare(network, Reference(inputs), Kernel(device(target), inputs));
        },
        cannotRun);

    private static List<CheckOutput> Compare(MlpShape network, Outputs<double> expected, Outputs<float> actual)
    {
        var outputs = new List<CheckOutput>
        {
            new("logits", expected.Logits, actual.Logits, new(1e-5, 1e-4)),
            new("losses", expected.Losses, actual.Losses, new(1e-5, 1e-4)),
            new("correct", expected.Correct, actual.Correct, Tolerance.Exact),
        };
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            outputs.Add(new($"dW{l + 1} ({layer.In}x{layer.Out})", Slice(expected.Gradients, layer.WeightsOffset, layer.WeightCount), Slice(actual.Gradients, layer.WeightsOffset, layer.WeightCount), new(1e-6, 1e-4)));
            outputs.Add(new($"db{l + 1} ({layer.Out})", Slice(expected.Gradients, layer.BiasOffset, layer.Out), Slice(actual.Gradients, layer.BiasOffset, layer.Out), new(1e-6, 1e-4)));
        }

        // Adam moves each parameter by about the learning rate (1e-3); 2e-5 leaves room only
        // for the sign of gradients smaller than float32's rounding, never for a wrong update.
        outputs.Add(new("parameters after Adam", expected.Parameters, actual.Parameters, new(2e-5, 1e-4)));
        return outputs;
    }

    /// <summary>
    /// The step as <see cref="Trainer"/> takes it on this device: the fused CPU-only step where the
    /// device chose it (the logits stay in the network's workspace and the gradients beside Adam's
    /// update), else forward, loss, backward and Adam as separate launches.
    /// </summary>
    private static Outputs<float> Kernel(ComputeDevice device, Inputs x)
    {
        using var network = new DeviceNetwork(device, x.Shape, x.Parameters, capacity: x.Rows);
        using var input = DeviceArrays.Upload(device, x.Pixels);
        using var inputRows = DeviceArrays.Upload(device, x.InputRows);
        using var labels = DeviceArrays.Upload(device, x.Labels);
        using var losses = DeviceArrays.NaNs(device, x.Rows);
        using var correct = DeviceArrays.NaNs(device, x.Rows);
        ArrayView<int> rowView = DeviceArrays.ViewOf(inputRows, x.InputRows);
        if (device.Ops.ChosenVariant<CpuTrainingStep>() is not null)
        {
            network.TrainStep(input.View, rowView, labels.View, losses.View, correct.View, x.Rows, DropoutRate, Seed, Step, x.Adam);
            return new(network.Logits(x.Rows).GetAsArray(), DeviceArrays.Download(device, losses), DeviceArrays.Download(device, correct), network.Gradients.GetAsArray(), network.ReadParameters());
        }

        network.ReadBatch(input.View, rowView, x.Rows);
        network.Forward(network.Input(x.Rows), x.Rows, DropoutRate, Seed, Step);
        network.Loss(labels.View, losses.View, correct.View, x.Rows);
        float[] logits = network.Logits(x.Rows).GetAsArray();
        network.Backward(network.Input(x.Rows), x.Rows, DropoutRate);
        float[] gradients = network.Gradients.GetAsArray();
        network.AdamStep(x.Adam);
        return new(logits, DeviceArrays.Download(device, losses), DeviceArrays.Download(device, correct), gradients, network.ReadParameters());
    }

    private static Outputs<double> Reference(Inputs x)
    {
        // The batch the device reads from the pixel bytes through the row indices, read on the host.
        var batch = new double[(long)x.Rows * x.Shape.Inputs];
        PixelBatchReference.Run(x.Pixels, x.InputRows, batch, x.Rows, x.Shape.Inputs);

        var reference = new ReferenceNetwork(x.Shape, x.Parameters);
        reference.Forward(batch, x.Rows, DropoutRate, Seed, Step);
        var (losses, correct) = reference.Loss(x.Labels, x.Rows);
        double[] logits = reference.Logits;
        reference.Backward(batch, x.Rows, DropoutRate);
        double[] gradients = (double[])reference.Gradients.Clone();
        reference.AdamStep(x.Adam);
        return new(logits, losses, correct, gradients, reference.Parameters);
    }

    private const uint Seed = 1234;

    private const uint Step = 2;

    private static T[] Slice<T>(T[] values, long offset, int count) => values.AsSpan((int)offset, count).ToArray();

    /// <summary>One step's inputs: the batch is rows of Pixels (all, or those InputRows names, as the trainer reads a shuffled batch), with labels.</summary>
    private sealed record Inputs(MlpShape Shape, float[] Parameters, byte[] Pixels, int[] InputRows, int[] Labels, AdamSettings Adam)
    {
        public int Rows => Labels.Length;
    }

    /// <summary>What one step produced, on the device or in the reference: logits, losses, hits, every gradient and the parameters after Adam.</summary>
    private sealed record Outputs<T>(T[] Logits, T[] Losses, T[] Correct, T[] Gradients, T[] Parameters);
}
