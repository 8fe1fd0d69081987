using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Puts an epoch's labels in its shuffled order on the device: destination[r] = source[indices[r]].
/// source is (SourceRows), indices and destination are (Rows); in training Rows is the training
/// set's size, gathered once per epoch. The images need no gather: the first layer's kernels read
/// them through the same indices.
/// </summary>
public sealed class Gather : IDeviceOp<Gather>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int> _labelsKernel;

    private Gather(DeviceOps ops)
    {
        _ops = ops;
        _labelsKernel = ops.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>(LabelsKernel);
    }

    /// <summary>One portable kernel, everywhere.</summary>
    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Portable];

    public KernelVariant Variant => KernelVariant.Portable;

    static Gather IDeviceOp<Gather>.Load(DeviceOps ops, KernelVariant variant) => new(ops);

    public void Labels(ArrayView<int> source, ArrayView<int> indices, ArrayView<int> destination, int rows)
    {
        Require.Positive(rows, nameof(rows));
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, rows, nameof(destination), $"({rows})");
        var split = _ops.Launching(rows);
        _labelsKernel(split.Threads, source, indices, destination, split.ItemsPerThread);
    }

    [Kernel]
    public static void LabelsKernel(Index1D thread, ArrayView<int> source, ArrayView<int> indices, ArrayView<int> destination, int perThread)
    {
        int first = thread * perThread;
        int last = (int)Math.Min(first + perThread, destination.Length);
        for (int r = first; r < last; r++)
        {
            destination[r] = source[indices[r]];
        }
    }
}
