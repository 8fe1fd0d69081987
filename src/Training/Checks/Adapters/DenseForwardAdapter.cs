using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using ILGPU;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>
/// One DenseForward launch's inputs: a is (SourceRows, K), rows (M) or empty, w (K, N), bias (N) or empty.
/// </summary>
internal sealed record DenseForwardInputs(int M, int K, int N, float[] A, int[] Rows, float[] W, float[] Bias, Activation Activation, DropoutSettings Dropout);

/// <summary>
/// Every call `check` makes into DenseForward's launchers and its reference, in one place (to
/// re-point when the kernels' project reorganises its ops). The blocked variant is what
/// DenseForward.Run launches on the CPU accelerator (a SIMD variant too, through the same launcher,
/// on a device with that variant forced); the tiled one is DenseForward.Run on a GPU
/// and its tiled variant on the tile-sized CPU device.
/// </summary>
internal static class DenseForwardAdapter
{
    /// <summary>Null where the blocked kernel runs, else why not.</summary>
    public static string? BlockedCannotRun(CheckTarget target) =>
        target.Device.Ops.DenseForward.Variant == KernelVariant.Tiled
            ? "not launched on this accelerator: DenseForward runs the tile kernel here, the blocked one only on the CPU accelerator"
            : null;

    public static float[] Kernel(CheckTarget target, string variant, DenseForwardInputs x)
    {
        var device = variant == CheckVariants.Tiled ? target.TileDevice : target.Device;
        using var a = DeviceArrays.Upload(device, x.A);
        using var rows = DeviceArrays.Upload(device, x.Rows);
        using var w = DeviceArrays.Upload(device, x.W);
        using var bias = DeviceArrays.Upload(device, x.Bias);
        using var y = DeviceArrays.NaNs(device, (long)x.M * x.N);
        ArrayView<int> rowView = DeviceArrays.ViewOf(rows, x.Rows);
        ArrayView<float> biasView = DeviceArrays.ViewOf(bias, x.Bias);
        var ops = device.Ops;
        if (variant != CheckVariants.Tiled || ops.DenseForward.Variant == KernelVariant.Tiled)
        {
            ops.DenseForward.Run(a.View, rowView, w.View, biasView, y.View, x.M, x.K, x.N, x.Activation, x.Dropout);
        }
        else
        {
            ops.Variant<DenseForward>(KernelVariant.Tiled).Run(a.View, rowView, w.View, biasView, y.View, x.M, x.K, x.N, x.Activation, x.Dropout);
        }

        return DeviceArrays.Download(device, y);
    }

    public static double[] Reference(DenseForwardInputs x)
    {
        var y = new double[(long)x.M * x.N];
        DenseForwardReference.Run(CheckInputs.Widen(x.A), x.Rows, CheckInputs.Widen(x.W), CheckInputs.Widen(x.Bias), y, x.M, x.K, x.N, x.Activation, x.Dropout);
        return y;
    }
}
