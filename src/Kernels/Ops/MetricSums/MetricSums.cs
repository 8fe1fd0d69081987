using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The sums an epoch's metrics need, computed on the device: totals[0] = sum of losses,
/// totals[1] = sum of correct (the number of right predictions). losses and correct have Count
/// elements, totals has 2. Two launches: fixed partial sums, then one thread adds the partials
/// in order. No atomics, so the result is the same bits on every run of the same device.
/// </summary>
public sealed class MetricSums : IDeviceOp<MetricSums>, IDisposable
{
    /// <summary>Partial sums on a GPU; the CPU accelerator uses one per hardware thread.</summary>
    private const int GpuPartials = 256;

    private readonly DeviceCounters _counters;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _partialKernel;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int> _finalKernel;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _partials;
    private readonly int _partialCount;

    private MetricSums(Accelerator accelerator, DeviceCounters counters)
    {
        _counters = counters;
        _partialKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(PartialKernel);
        _finalKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(FinalKernel);
        _partialCount = accelerator.AcceleratorType == AcceleratorType.CPU ? accelerator.MaxNumThreads : GpuPartials;
        _partials = accelerator.Allocate1D<float>(2L * _partialCount);
    }

    /// <summary>One portable kernel, everywhere.</summary>
    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Portable];

    public KernelVariant Variant => KernelVariant.Portable;

    static MetricSums IDeviceOp<MetricSums>.Load(DeviceOps ops, KernelVariant variant) => new(ops.Accelerator, ops.Counters);

    public void Run(ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> totals, int count)
    {
        Require.Positive(count, nameof(count));
        Require.Length(losses, count, nameof(losses), $"({count})");
        Require.Length(correct, count, nameof(correct), $"({count})");
        Require.Length(totals, 2, nameof(totals), "(2)");
        int partials = Math.Min(_partialCount, count);
        int perPartial = (count + partials - 1) / partials;
        partials = (count + perPartial - 1) / perPartial;
        _counters.Launched();
        _partialKernel(partials, losses, correct, _partials.View, count, perPartial);
        _counters.Launched();
        _finalKernel(1, _partials.View.SubView(0, 2L * partials), totals, partials);
    }

    public void Dispose() => _partials.Dispose();

    /// <summary>Partial p sums its contiguous run into partials[2p] (loss) and partials[2p + 1] (correct).</summary>
    [Kernel]
    public static void PartialKernel(Index1D partial, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> partials, int count, int perPartial)
    {
        int first = partial * perPartial;
        int last = Math.Min(first + perPartial, count);
        float loss = 0f;
        float right = 0f;
        for (int i = first; i < last; i++)
        {
            loss += losses[i];
            right += correct[i];
        }

        partials[2 * partial] = loss;
        partials[2 * partial + 1] = right;
    }

    [Kernel]
    public static void FinalKernel(Index1D thread, ArrayView<float> partials, ArrayView<float> totals, int partialCount)
    {
        float loss = 0f;
        float right = 0f;
        for (int p = 0; p < partialCount; p++)
        {
            loss += partials[2 * p];
            right += partials[2 * p + 1];
        }

        totals[0] = loss;
        totals[1] = right;
    }
}
