using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training;

/// <summary>The mean loss and the fraction of right predictions over a set of images.</summary>
public readonly record struct LossAndAccuracy(double Loss, double Accuracy)
{
    /// <summary>
    /// The means of the first count per-image losses and hits (1 or 0): summed on the device into
    /// totals (two floats) by one launch, then read back, which waits for the device.
    /// </summary>
    internal static LossAndAccuracy MeanOf(
        ComputeDevice device,
        MemoryBuffer1D<float, Stride1D.Dense> losses,
        MemoryBuffer1D<float, Stride1D.Dense> correct,
        MemoryBuffer1D<float, Stride1D.Dense> totals,
        int count)
    {
        device.Ops.MetricSums.Run(losses.Slice(0, count), correct.Slice(0, count), totals.View, count);
        var sums = totals.GetAsArray1D();
        return new LossAndAccuracy(sums[0] / count, sums[1] / count);
    }
}
