using Handwriting.Kernels.Reference;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>The fused loss's three outputs: per-row losses and hits, and the gradient of the mean loss.</summary>
internal sealed record LossOutputs<T>(T[] Losses, T[] Correct, T[] Dlogits);

/// <summary>Every call `check` makes into SoftmaxCrossEntropy's launcher and its reference, in one place. logits is (rows, classes).</summary>
internal static class SoftmaxCrossEntropyAdapter
{
    public static LossOutputs<float> Kernel(CheckTarget target, float[] logits, int[] labels, int rows, int classes)
    {
        var device = target.Device;
        using var deviceLogits = DeviceArrays.Upload(device, logits);
        using var deviceLabels = DeviceArrays.Upload(device, labels);
        using var losses = DeviceArrays.NaNs(device, rows);
        using var correct = DeviceArrays.NaNs(device, rows);
        using var dlogits = DeviceArrays.NaNs(device, (long)rows * classes);
        device.Ops.SoftmaxCrossEntropy.Run(deviceLogits.View, deviceLabels.View, losses.View, correct.View, dlogits.View, rows, classes);
        return new(DeviceArrays.Download(device, losses), DeviceArrays.Download(device, correct), DeviceArrays.Download(device, dlogits));
    }

    public static LossOutputs<double> Reference(float[] logits, int[] labels, int rows, int classes)
    {
        var result = new LossOutputs<double>(new double[rows], new double[rows], new double[(long)rows * classes]);
        SoftmaxCrossEntropyReference.Run(CheckInputs.Widen(logits), labels, result.Losses, result.Correct, result.Dlogits, rows, classes);
        return result;
    }
}
