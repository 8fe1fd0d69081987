using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using ILGPU;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>One WeightGradient launch's inputs: a is (SourceRows, K), rows (M) or empty, dy (M, N).</summary>
internal sealed record WeightGradientInputs(int M, int K, int N, float[] A, int[] Rows, float[] Dy);

/// <summary>
/// Every call `check` makes into WeightGradient's launchers and its reference, in one place. The
/// blocked variant is what WeightGradient.Run launches on the CPU accelerator; the tiled one is
/// WeightGradient.Run on a GPU and its tiled variant on the tile-sized CPU device.
/// </summary>
internal static class WeightGradientAdapter
{
    /// <summary>Null where the blocked kernel runs, else why not.</summary>
    public static string? BlockedCannotRun(CheckTarget target) =>
        target.Device.Ops.WeightGradient.Variant == KernelVariant.Tiled
            ? "not launched on this accelerator: WeightGradient runs the tile kernel here, the blocked one only on the CPU accelerator"
            : null;

    public static float[] Kernel(CheckTarget target, string variant, WeightGradientInputs x)
    {
        var device = variant == CheckVariants.Tiled ? target.TileDevice : target.Device;
        using var a = DeviceArrays.Upload(device, x.A);
        using var rows = DeviceArrays.Upload(device, x.Rows);
        using var dy = DeviceArrays.Upload(device, x.Dy);
        using var gradient = DeviceArrays.NaNs(device, (long)(x.K + 1) * x.N);
        ArrayView<int> rowView = DeviceArrays.ViewOf(rows, x.Rows);
        var ops = device.Ops;
        if (variant != CheckVariants.Tiled || ops.WeightGradient.Variant == KernelVariant.Tiled)
        {
            ops.WeightGradient.Run(a.View, rowView, dy.View, gradient.View, x.M, x.K, x.N);
        }
        else
        {
            ops.Variant<WeightGradient>(KernelVariant.Tiled).Run(a.View, rowView, dy.View, gradient.View, x.M, x.K, x.N);
        }

        return DeviceArrays.Download(device, gradient);
    }

    public static double[] Reference(WeightGradientInputs x)
    {
        var gradient = new double[((long)x.K + 1) * x.N];
        WeightGradientReference.Run(CheckInputs.Widen(x.A), x.Rows, CheckInputs.Widen(x.Dy), gradient, x.M, x.K, x.N);
        return gradient;
    }
}
