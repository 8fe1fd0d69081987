using Handwriting.Kernels.Devices;
using Handwriting.Training.Network;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training;

/// <summary>Class probabilities for unlabelled images: forward passes on the device, softmax on the host.</summary>
public static class Prediction
{
    /// <summary>pixels is (rows, Inputs); the result is (rows, Outputs).</summary>
    public static float[] Probabilities(ComputeDevice device, DeviceNetwork network, ReadOnlySpan<float> pixels)
    {
        int inputs = network.Shape.Inputs;
        int classes = network.Shape.Outputs;
        if (pixels.Length % inputs != 0)
        {
            throw new ArgumentException($"{pixels.Length} pixels are not a whole number of {inputs}-pixel images", nameof(pixels));
        }

        int count = pixels.Length / inputs;
        var probabilities = new float[(long)count * classes];
        using var input = device.Accelerator.Allocate1D<float>(Math.Max(1, (long)Math.Min(count, network.Capacity) * inputs));
        for (int first = 0; first < count; first += network.Capacity)
        {
            int rows = Math.Min(network.Capacity, count - first);
            ArrayView<float> chunk = ((ArrayView<float>)input.View).SubView(0, (long)rows * inputs);
            chunk.CopyFromCPU(pixels.Slice(first * inputs, rows * inputs));
            network.Forward(chunk, rows, 0f, 0, 0);
            var output = probabilities.AsSpan(first * classes, rows * classes);
            network.Logits(rows).CopyToCPU(output);
            Softmax.InPlace(output, classes);
        }

        return probabilities;
    }
}
