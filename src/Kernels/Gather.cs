using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Assembles a batch on the device from the dataset already there: destination row r is source
/// row indices[r]. source is (SourceRows, Width), indices is (Rows), destination is (Rows, Width);
/// labels work the same with Width = 1. In the seed model Width = I (784) and Rows = B.
/// This is what lets a training step copy nothing from the host.
/// </summary>
public sealed class Gather
{
    private readonly DeviceCounters _counters;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, int> _rowsKernel;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int> _labelsKernel;

    internal Gather(Accelerator accelerator, DeviceCounters counters)
    {
        _counters = counters;
        _accelerator = accelerator;
        _rowsKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, int>(RowsKernel);
        _labelsKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>(LabelsKernel);
    }

    /// <summary>Copies rows; indices must lie in [0, source rows), which the caller's shuffle guarantees.</summary>
    public void Rows(ArrayView<float> source, ArrayView<int> indices, ArrayView<float> destination, int rows, int width)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(width, nameof(width));
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, (long)rows * width, nameof(destination), $"({rows}, {width})");
        Require.WholeRows(source, width, nameof(source), $"rows of {width}");

        var split = WorkSplit.For(_accelerator, (long)rows * width);
        _counters.Launched();
        _rowsKernel(split.Threads, source, indices, destination, rows * width, width, split.ItemsPerThread);
    }

    public void Labels(ArrayView<int> source, ArrayView<int> indices, ArrayView<int> destination, int rows)
    {
        Require.Positive(rows, nameof(rows));
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, rows, nameof(destination), $"({rows})");
        var split = WorkSplit.For(_accelerator, rows);
        _counters.Launched();
        _labelsKernel(split.Threads, source, indices, destination, split.ItemsPerThread);
    }

    [Kernel]
    public static void RowsKernel(Index1D thread, ArrayView<float> source, ArrayView<int> indices, ArrayView<float> destination, int count, int width, int perThread)
    {
        int first = thread * perThread;
        int last = Math.Min(first + perThread, count);
        for (int e = first; e < last; e++)
        {
            int row = e / width;
            destination[e] = source[(long)indices[row] * width + (e - row * width)];
        }
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
