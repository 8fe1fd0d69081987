using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The bias gradient of a dense layer: the column sums of its output gradient.
/// dy is (Rows, Columns), dbias is (Columns): dbias[j] = sum over i of dy[i, j].
/// In the seed model: Rows = B, Columns = H (128) or O (10).
/// </summary>
public sealed class BiasGradient
{
    private readonly DeviceCounters _counters;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int> _kernel;

    internal BiasGradient(Accelerator accelerator, DeviceCounters counters)
    {
        _counters = counters;
        _accelerator = accelerator;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int, int>(Kernel);
    }

    public void Run(ArrayView<float> dy, ArrayView<float> dbias, int rows, int columns)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(columns, nameof(columns));
        Require.Length(dy, (long)rows * columns, nameof(dy), $"({rows}, {columns})");
        Require.Length(dbias, columns, nameof(dbias), $"({columns})");
        var split = WorkSplit.For(_accelerator, columns);
        _counters.Launched();
        _kernel(split.Threads, dy, dbias, rows, columns, split.ItemsPerThread);
    }

    /// <summary>Each thread sums a run of columns, every row in order, so the result is deterministic.</summary>
    [Kernel]
    public static void Kernel(Index1D thread, ArrayView<float> dy, ArrayView<float> dbias, int rows, int columns, int columnsPerThread)
    {
        int first = thread * columnsPerThread;
        int last = Math.Min(first + columnsPerThread, columns);
        for (int j = first; j < last; j++)
        {
            float sum = 0;
            for (int i = 0; i < rows; i++)
            {
                sum += dy[(long)i * columns + j];
            }

            dbias[j] = sum;
        }
    }
}
