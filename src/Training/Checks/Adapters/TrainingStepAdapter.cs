using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Reference;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>
/// One training step's inputs: the batch is rows of <paramref name="Pixels"/> (all of them, or
/// those named by <paramref name="InputRows"/>, as the trainer reads a shuffled batch), with labels.
/// </summary>
internal sealed record TrainingStepInputs(MlpShape Shape, float[] Parameters, byte[] Pixels, int[] InputRows, int[] Labels, float DropoutRate, uint Seed, uint Step, AdamSettings Adam)
{
    public int Rows => Labels.Length;
}

/// <summary>What one step produced, on the device or in the reference: logits, losses, hits, every gradient and the parameters after Adam.</summary>
internal sealed record TrainingStepOutputs<T>(T[] Logits, T[] Losses, T[] Correct, T[] Gradients, T[] Parameters);

/// <summary>
/// Every call `check` makes into the device network and the float64 reference trainer, in one
/// place: one forward pass with dropout, the loss, the backward pass and one Adam step, as
/// <see cref="Trainer"/> makes them (TrainingStepTests makes the same comparison); where the
/// launchers run the CPU-only SIMD kernels, the fused step (<see cref="DeviceNetwork.TrainStep"/>).
/// </summary>
internal static class TrainingStepAdapter
{
    public static TrainingStepOutputs<float> Kernel(CheckTarget target, TrainingStepInputs x)
    {
        var device = target.Device;
        using var network = new DeviceNetwork(device, x.Shape, x.Parameters, capacity: x.Rows);
        using var input = DeviceArrays.Upload(device, x.Pixels);
        using var inputRows = DeviceArrays.Upload(device, x.InputRows);
        using var labels = DeviceArrays.Upload(device, x.Labels);
        using var losses = DeviceArrays.NaNs(device, x.Rows);
        using var correct = DeviceArrays.NaNs(device, x.Rows);
        ArrayView<int> rowView = DeviceArrays.ViewOf(inputRows, x.InputRows);
        if (device.Ops.Simd is not null)
        {
            // The fused CPU-only step, one launch, as the trainer takes it on the CPU accelerator:
            // the logits stay in the network's workspace and the gradients beside Adam's update.
            network.TrainStep(input.View, rowView, labels.View, losses.View, correct.View, x.Rows, x.DropoutRate, x.Seed, x.Step, x.Adam);
            return new(network.Logits(x.Rows).GetAsArray(), DeviceArrays.Download(device, losses), DeviceArrays.Download(device, correct), network.Gradients.GetAsArray(), network.ReadParameters());
        }

        network.ReadBatch(input.View, rowView, x.Rows);
        network.Forward(network.Input(x.Rows), x.Rows, x.DropoutRate, x.Seed, x.Step);
        network.Loss(labels.View, losses.View, correct.View, x.Rows);
        float[] logits = network.Logits(x.Rows).GetAsArray();
        network.Backward(network.Input(x.Rows), x.Rows, x.DropoutRate);
        float[] gradients = network.Gradients.GetAsArray();
        network.AdamStep(x.Adam);
        return new(logits, DeviceArrays.Download(device, losses), DeviceArrays.Download(device, correct), gradients, network.ReadParameters());
    }

    public static TrainingStepOutputs<double> Reference(TrainingStepInputs x)
    {
        double[] batch = Batch(x);
        var reference = new ReferenceNetwork(x.Shape, x.Parameters);
        reference.Forward(batch, x.Rows, x.DropoutRate, x.Seed, x.Step);
        var (losses, correct) = reference.Loss(x.Labels, x.Rows);
        double[] logits = reference.Logits;
        reference.Backward(batch, x.Rows, x.DropoutRate);
        double[] gradients = (double[])reference.Gradients.Clone();
        reference.AdamStep(x.Adam);
        return new(logits, losses, correct, gradients, reference.Parameters);
    }

    /// <summary>The batch the device reads from the pixel bytes through the row indices, read on the host.</summary>
    private static double[] Batch(TrainingStepInputs x)
    {
        var batch = new double[(long)x.Rows * x.Shape.Inputs];
        PixelBatchReference.Run(x.Pixels, x.InputRows, batch, x.Rows, x.Shape.Inputs);
        return batch;
    }
}
