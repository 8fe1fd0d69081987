using Handwriting.Kernels.Reference;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>Every call `check` makes into MetricSums' launcher and its reference, in one place: (sum of losses, sum of correct).</summary>
internal static class MetricSumsAdapter
{
    public static float[] Kernel(CheckTarget target, float[] losses, float[] correct)
    {
        var device = target.Device;
        using var deviceLosses = DeviceArrays.Upload(device, losses);
        using var deviceCorrect = DeviceArrays.Upload(device, correct);
        using var totals = DeviceArrays.NaNs(device, 2);
        device.Ops.MetricSums.Run(deviceLosses.View, deviceCorrect.View, totals.View, losses.Length);
        return DeviceArrays.Download(device, totals);
    }

    public static double[] Reference(float[] losses, float[] correct)
    {
        var totals = new double[2];
        MetricSumsReference.Run(CheckInputs.Widen(losses), CheckInputs.Widen(correct), totals, losses.Length);
        return totals;
    }
}
