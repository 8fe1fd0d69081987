using Handwriting.Kernels;
using Handwriting.Kernels.Reference;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>
/// One InputGradient launch's inputs: dy (M, K), w (N, K), and the layer's ReLU output relu (M, N)
/// in float64; the kernel gets its dropped form, as the forward pass leaves it.
/// </summary>
internal sealed record InputGradientInputs(int M, int K, int N, float[] Dy, float[] W, double[] Relu, DropoutSettings Dropout);

/// <summary>Every call `check` makes into InputGradient's launcher and its reference, in one place.</summary>
internal static class InputGradientAdapter
{
    public static float[] Kernel(CheckTarget target, InputGradientInputs x)
    {
        var device = target.Device;
        float[] dropped = Array.ConvertAll(DroppedOutput.Of(x.Relu, x.Dropout), v => (float)v);
        using var dy = DeviceArrays.Upload(device, x.Dy);
        using var w = DeviceArrays.Upload(device, x.W);
        using var y = DeviceArrays.Upload(device, dropped);
        using var dz = DeviceArrays.NaNs(device, (long)x.M * x.N);
        device.Ops.InputGradient.Run(dy.View, w.View, y.View, dz.View, x.M, x.K, x.N, x.Dropout.Rate);
        return DeviceArrays.Download(device, dz);
    }

    public static double[] Reference(InputGradientInputs x)
    {
        var dz = new double[(long)x.M * x.N];
        InputGradientReference.Run(CheckInputs.Widen(x.Dy), CheckInputs.Widen(x.W), DroppedOutput.Of(x.Relu, x.Dropout), dz, x.M, x.K, x.N, x.Dropout.Rate);
        return dz;
    }
}
