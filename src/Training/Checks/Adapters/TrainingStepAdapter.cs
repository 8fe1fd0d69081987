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
internal sealed record TrainingStepInputs(MlpShape Shape, float[] Parameters, float[] Pixels, int[] InputRows, int[] Labels, float DropoutRate, uint Seed, uint Step, AdamSettings Adam)
{
    public int Rows => Labels.Length;
}

/// <summary>What one step produced, on the device or in the reference: logits, losses, hits, every gradient and the parameters after Adam.</summary>
internal sealed record TrainingStepOutputs<T>(T[] Logits, T[] Losses, T[] Correct, T[] Gradients, T[] Parameters);

/// <summary>
/// Every call `check` makes into the device network and the float64 reference trainer, in one
/// place: one forward pass with dropout, the loss, the backward pass and one Adam step, as
/// <see cref="Trainer"/> makes them (<see cref="DeviceNetwork.TrainStep"/>, against
/// <see cref="ReferenceNetwork.TrainStep"/>; TrainingStepTests makes the same comparison).
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
        // As the trainer steps: the fused CPU step where the device chose it, else separate launches.
        // The logits stay in the network's workspace and the gradients beside Adam's update.
        network.TrainStep(input.View, rowView, labels.View, losses.View, correct.View, x.Rows, x.DropoutRate, x.Seed, x.Step, x.Adam);
        return new(network.Logits(x.Rows).GetAsArray(), DeviceArrays.Download(device, losses), DeviceArrays.Download(device, correct), network.Gradients.GetAsArray(), network.ReadParameters());
    }

    public static TrainingStepOutputs<double> Reference(TrainingStepInputs x)
    {
        var reference = new ReferenceNetwork(x.Shape, x.Parameters);
        var (losses, correct) = reference.TrainStep(Batch(x), x.Labels, x.Rows, x.DropoutRate, x.Seed, x.Step, x.Adam);
        return new(reference.Logits, losses, correct, reference.Gradients, reference.Parameters);
    }

    /// <summary>The batch the device reads through the row indices, gathered on the host.</summary>
    private static double[] Batch(TrainingStepInputs x)
    {
        double[] pixels = CheckInputs.Widen(x.Pixels);
        if (x.InputRows.Length == 0)
        {
            return pixels;
        }

        var batch = new double[(long)x.Rows * x.Shape.Inputs];
        GatherReference.Rows(pixels, x.InputRows, batch, x.Rows, x.Shape.Inputs);
        return batch;
    }
}
