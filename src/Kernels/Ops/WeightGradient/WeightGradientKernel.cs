using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="WeightGradient"/>'s portable variant: dW = A^T . dY (K x N) and db = the column sums
/// of dY (N), written as one (K + 1) x N block, which is how the flat parameter layout stores a
/// layer's weights followed by its bias. Work items are 4 x 8 blocks of dW and, after them, 8-wide
/// runs of db. The vector path reads per batch row one Float4 of A and two of dY for 32
/// multiply-adds (on the CPU accelerator each view access costs far more than a flop); sums run
/// over the rows in order, as the float64 reference does. The scalar path computes one output per work item.
/// </summary>
public static class WeightGradientKernel
{
    public const int BlockRows = 4;
    public const int BlockColumns = 8;

    /// <summary>Compiles the kernel and returns its launch: one thread per share of <see cref="WorkItems"/>.</summary>
    internal static WeightGradientLaunch Load(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, int>(Kernel);
        return (a, rows, dy, gradient, layout) =>
        {
            var split = ops.Launching(WorkItems(layout));
            kernel(split.Threads, a, rows, dy, gradient, layout, split.ItemsPerThread);
        };
    }

    public static long WorkItems(DenseBackwardLayout layout) =>
        layout.Vector != 0
            ? (long)(layout.K / BlockRows) * (layout.N / BlockColumns) + layout.N / BlockColumns
            : (long)(layout.K + 1) * layout.N;

    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> dy,
        ArrayView<float> gradient,
        DenseBackwardLayout layout,
        int itemsPerThread)
    {
        long items = WorkItems(layout);
        long first = (long)(int)thread * itemsPerThread;
        long last = Math.Min(first + itemsPerThread, items);
        long weightBlocks = (long)(layout.K / BlockRows) * (layout.N / BlockColumns);
        for (long item = first; item < last; item++)
        {
            if (layout.Vector == 0)
            {
                Single(a, rows, dy, gradient, layout, item);
            }
            else if (item < weightBlocks)
            {
                WeightBlock(a.Cast<Float4>(), rows, dy.Cast<Float4>(), gradient.Cast<Float4>(), layout, (int)item);
            }
            else
            {
                BiasRun(dy.Cast<Float4>(), gradient.Cast<Float4>(), layout, (int)(item - weightBlocks));
            }
        }
    }

    private static void WeightBlock(
        ArrayView<Float4> a4, ArrayView<int> rows, ArrayView<Float4> dy4, ArrayView<Float4> gradient4, DenseBackwardLayout layout, int block)
    {
        int columnBlocks = layout.N / BlockColumns;
        int p0 = block / columnBlocks * BlockRows;
        int j0 = block % columnBlocks * BlockColumns;
        Float4 c0l = default, c0h = default, c1l = default, c1h = default;
        Float4 c2l = default, c2h = default, c3l = default, c3h = default;
        long dyIndex = j0 / 4;
        int n4 = layout.N / 4;
        for (int i = 0; i < layout.M; i++)
        {
            Float4 x = a4[(SourceRow(rows, layout, i) * layout.K + p0) / 4];
            Float4 lo = dy4[dyIndex], hi = dy4[dyIndex + 1];
            c0l = c0l.AddScaled(x.X, lo); c0h = c0h.AddScaled(x.X, hi);
            c1l = c1l.AddScaled(x.Y, lo); c1h = c1h.AddScaled(x.Y, hi);
            c2l = c2l.AddScaled(x.Z, lo); c2h = c2h.AddScaled(x.Z, hi);
            c3l = c3l.AddScaled(x.W, lo); c3h = c3h.AddScaled(x.W, hi);
            dyIndex += n4;
        }

        long out0 = ((long)p0 * layout.N + j0) / 4;
        gradient4[out0] = c0l; gradient4[out0 + 1] = c0h;
        gradient4[out0 + n4] = c1l; gradient4[out0 + n4 + 1] = c1h;
        gradient4[out0 + 2 * n4] = c2l; gradient4[out0 + 2 * n4 + 1] = c2h;
        gradient4[out0 + 3 * n4] = c3l; gradient4[out0 + 3 * n4 + 1] = c3h;
    }

    /// <summary>Eight bias gradients: the sums of eight columns of dY.</summary>
    private static void BiasRun(ArrayView<Float4> dy4, ArrayView<Float4> gradient4, DenseBackwardLayout layout, int run)
    {
        int j0 = run * BlockColumns;
        int n4 = layout.N / 4;
        Float4 lo = default, hi = default;
        long dyIndex = j0 / 4;
        for (int i = 0; i < layout.M; i++)
        {
            lo = lo.Add(dy4[dyIndex]);
            hi = hi.Add(dy4[dyIndex + 1]);
            dyIndex += n4;
        }

        long out0 = ((long)layout.K * layout.N + j0) / 4;
        gradient4[out0] = lo;
        gradient4[out0 + 1] = hi;
    }

    /// <summary>One output: dW[p, j] for item &lt; K x N, else db[j].</summary>
    private static void Single(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout, long item)
    {
        long weights = (long)layout.K * layout.N;
        int p = item < weights ? (int)(item / layout.N) : -1;
        int j = (int)(item < weights ? item % layout.N : item - weights);
        float sum = 0f;
        for (int i = 0; i < layout.M; i++)
        {
            float g = dy[(long)i * layout.N + j];
            sum += p < 0 ? g : a[SourceRow(rows, layout, i) * layout.K + p] * g;
        }

        gradient[item] = sum;
    }

    private static long SourceRow(ArrayView<int> rows, DenseBackwardLayout layout, int i) =>
        layout.HasRowIndices != 0 ? rows[i] : i;
}
