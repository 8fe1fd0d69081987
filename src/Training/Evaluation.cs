using Handwriting.Kernels.Devices;
using Handwriting.Training.Network;
using ILGPU.Runtime;

namespace Handwriting.Training;

/// <summary>
/// Runs a network (no dropout) over a dataset in chunks of its capacity: mean loss and accuracy
/// from the fused softmax cross-entropy kernel, summed on the device; and, when asked, the class
/// probabilities of every image, read back chunk by chunk for predictions and the confusion matrix.
/// </summary>
public static class Evaluation
{
    public static LossAndAccuracy LossAndAccuracy(ComputeDevice device, DeviceNetwork network, DeviceDataset data) =>
        Run(device, network, data, withProbabilities: false).Summary;

    public static EvaluationResult Run(ComputeDevice device, DeviceNetwork network, DeviceDataset data) =>
        Run(device, network, data, withProbabilities: true);

    private static EvaluationResult Run(ComputeDevice device, DeviceNetwork network, DeviceDataset data, bool withProbabilities)
    {
        if (data.Count == 0)
        {
            throw new ArgumentException("cannot evaluate an empty dataset", nameof(data));
        }

        int classes = network.Shape.Outputs;
        var accelerator = device.Accelerator;
        using var losses = accelerator.Allocate1D<float>(data.Count);
        using var correct = accelerator.Allocate1D<float>(data.Count);
        using var totals = accelerator.Allocate1D<float>(2);
        float[] probabilities = withProbabilities ? new float[(long)data.Count * classes] : [];

        for (int first = 0; first < data.Count; first += network.Capacity)
        {
            int rows = Math.Min(network.Capacity, data.Count - first);
            network.ReadBatch(data.PixelRows(first, rows), default, rows);
            network.Forward(network.Input(rows), rows, 0f, 0, 0);
            network.Loss(data.LabelRows(first, rows), losses.Slice(first, rows), correct.Slice(first, rows), rows);
            if (withProbabilities)
            {
                var chunk = probabilities.AsSpan(first * classes, rows * classes);
                network.Logits(rows).CopyToCPU(chunk);
                Softmax.InPlace(chunk, classes);
            }
        }

        var summary = Training.LossAndAccuracy.MeanOf(device, losses, correct, totals, data.Count);
        return new EvaluationResult(summary, probabilities, classes, withProbabilities ? data.Labels.GetAsArray() : []);
    }
}
