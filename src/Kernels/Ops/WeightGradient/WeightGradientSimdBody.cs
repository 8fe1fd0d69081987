using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="WeightGradientSimd"/>, over raw pointers: CPU-only .NET code.
/// gradient ((K + 1) x N) = [A^T . dY ; the column sums of dY], A read through the batch's row
/// indices. Work items are blocks of 4 weight rows by 2 vectors of columns, and the bias row's
/// run of the same columns; per batch row a block broadcasts 4 floats of A and loads 2 vectors of dY
/// (dY's rows for a chunk, 32 x 128 bytes at batch 32, stay in the level-1 cache).
/// Each sum runs over the batch rows from 0 with a multiply and an add, as in
/// <see cref="WeightGradientKernel"/>: the same bits at every width.
/// </summary>
internal static unsafe class WeightGradientSimdBody
{
    private const int BlockRows = 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TL, TV>(ThreadShare share, float* a, int* rows, float* dy, float* gradient, DenseBackwardLayout layout)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        // Items are column chunk first (each chunk's weight-row blocks, then its bias run), so a
        // thread takes whole chunks of columns, as DenseForwardSimd's launch does. The fused step
        // splits by rows instead (RunRows).
        int chunk = 2 * TL.Count;
        int chunks = (layout.N + chunk - 1) / chunk;
        int perChunk = ((layout.K + BlockRows - 1) / BlockRows) + 1;
        var (first, end) = share.Of((long)perChunk * chunks);
        for (long item = first; item < end; item++)
        {
            int within = (int)(item % perChunk);
            bool bias = within == perChunk - 1;
            int p0 = bias ? layout.K : within * BlockRows;
            int j0 = (int)(item / perChunk) * chunk;
            int jEnd = Math.Min(j0 + chunk, layout.N);
            int count = bias ? 1 : Math.Min(BlockRows, layout.K - p0);
            Columns<TL, TV>(a, rows, dy, gradient, layout, p0, count, bias, j0, jEnd);
        }
    }

    /// <summary>
    /// The rows of the gradient ((K + 1) x N, the bias gradient as row K) that a thread takes in
    /// <see cref="RunRows{TL, TV}"/>: a contiguous run, in blocks of 4 weight rows. The fused CPU
    /// step's Adam updates the same rows, so that one core writes each line of the layer's weights,
    /// gradients and moments.
    /// </summary>
    public static (int First, int End) RowsOf(ThreadShare share, int k)
    {
        var (first, end) = share.Of(k + 1, BlockRows);
        return ((int)first, (int)end);
    }

    /// <summary>
    /// As <see cref="Run{TL, TV}(ThreadShare, float*, int*, float*, float*, DenseBackwardLayout)"/>,
    /// with each thread taking whole rows of the gradient (<see cref="RowsOf"/>) across all columns
    /// instead of column chunks: see <see cref="DenseForwardSimdBody.RunRows{TL, TV}"/> for why the
    /// fused step splits so. The same sums in the same order: the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRows<TL, TV>(ThreadShare share, float* a, int* rows, float* dy, float* gradient, DenseBackwardLayout layout)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var (first, end) = RowsOf(share, layout.K);
        for (int p0 = first; p0 < Math.Min(end, layout.K); p0 += BlockRows)
        {
            int count = Math.Min(BlockRows, Math.Min(end, layout.K) - p0);
            for (int j0 = 0; j0 < layout.N; j0 += 2 * TL.Count)
            {
                Columns<TL, TV>(a, rows, dy, gradient, layout, p0, count, false, j0, Math.Min(j0 + (2 * TL.Count), layout.N));
            }
        }

        if (end == layout.K + 1)
        {
            Columns<TL, TV>(a, rows, dy, gradient, layout, layout.K, 1, true, 0, layout.N);
        }
    }

    /// <summary>Weight rows p0 .. p0 + count - 1 (or the bias row), columns [j0, jEnd): pairs of vectors, then single ones, then 4-float vectors, then scalars.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns<TL, TV>(float* a, int* rows, float* dy, float* gradient, DenseBackwardLayout layout, int p0, int count, bool bias, int j0, int jEnd)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        for (int j = j0; j < jEnd;)
        {
            int width = jEnd - j >= 2 * TL.Count ? 2 * TL.Count : jEnd - j >= TL.Count ? TL.Count : jEnd - j >= Lanes128.Count ? Lanes128.Count : 1;
            if (bias)
            {
                width = Math.Min(width, TL.Count);
                BiasColumns<TL, TV>(dy, gradient + ((long)layout.K * layout.N), layout, j, width);
            }
            else if (width == 2 * TL.Count)
            {
                Pair<TL, TV>(a, rows, dy, gradient, layout, p0, count, j);
            }
            else if (width == TL.Count)
            {
                Block<TL, TV>(a, rows, dy, gradient, layout, p0, count, j);
            }
            else if (width == Lanes128.Count)
            {
                Block<Lanes128, Vector128<float>>(a, rows, dy, gradient, layout, p0, count, j);
            }
            else
            {
                Scalars(a, rows, dy, gradient, layout, p0, count, j);
            }

            j += width;
        }
    }

    /// <summary>Weight rows p0 .. p0 + count - 1, two vectors of columns from j: sums over the batch rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pair<TL, TV>(float* a, int* rows, float* dy, float* gradient, DenseBackwardLayout layout, int p0, int count, int j)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        // Rows past K repeat the last one, so the loop needs no edge code; they are not stored.
        int o1 = Math.Min(1, count - 1), o2 = Math.Min(2, count - 1), o3 = Math.Min(3, count - 1);
        TV c0l = TL.Zero, c0h = TL.Zero, c1l = TL.Zero, c1h = TL.Zero;
        TV c2l = TL.Zero, c2h = TL.Zero, c3l = TL.Zero, c3h = TL.Zero;
        float* d = dy + j;
        for (int i = 0; i < layout.M; i++)
        {
            float* x = a + ((long)(rows == null ? i : rows[i]) * layout.K) + p0;
            TV lo = TL.Load(d), hi = TL.Load(d + TL.Count);
            TV s = TL.Broadcast(x[0]);
            c0l = TL.Add(c0l, TL.Multiply(s, lo));
            c0h = TL.Add(c0h, TL.Multiply(s, hi));
            s = TL.Broadcast(x[o1]);
            c1l = TL.Add(c1l, TL.Multiply(s, lo));
            c1h = TL.Add(c1h, TL.Multiply(s, hi));
            s = TL.Broadcast(x[o2]);
            c2l = TL.Add(c2l, TL.Multiply(s, lo));
            c2h = TL.Add(c2h, TL.Multiply(s, hi));
            s = TL.Broadcast(x[o3]);
            c3l = TL.Add(c3l, TL.Multiply(s, lo));
            c3h = TL.Add(c3h, TL.Multiply(s, hi));
            d += layout.N;
        }

        float* out0 = gradient + ((long)p0 * layout.N) + j;
        for (int r = 0; r < count; r++)
        {
            var (low, high) = r switch { 0 => (c0l, c0h), 1 => (c1l, c1h), 2 => (c2l, c2h), _ => (c3l, c3h) };
            TL.Store(low, out0 + ((long)r * layout.N));
            TL.Store(high, out0 + ((long)r * layout.N) + TL.Count);
        }
    }

    /// <summary>Weight rows p0 .. p0 + count - 1, one vector of columns from j: sums over the batch rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<TL, TV>(float* a, int* rows, float* dy, float* gradient, DenseBackwardLayout layout, int p0, int count, int j)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        // Rows past K repeat the last one, so the loop needs no edge code; they are not stored.
        int o1 = Math.Min(1, count - 1), o2 = Math.Min(2, count - 1), o3 = Math.Min(3, count - 1);
        TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero;
        float* d = dy + j;
        for (int i = 0; i < layout.M; i++)
        {
            float* x = a + ((long)(rows == null ? i : rows[i]) * layout.K) + p0;
            TV g = TL.Load(d);
            c0 = TL.Add(c0, TL.Multiply(TL.Broadcast(x[0]), g));
            c1 = TL.Add(c1, TL.Multiply(TL.Broadcast(x[o1]), g));
            c2 = TL.Add(c2, TL.Multiply(TL.Broadcast(x[o2]), g));
            c3 = TL.Add(c3, TL.Multiply(TL.Broadcast(x[o3]), g));
            d += layout.N;
        }

        float* out0 = gradient + ((long)p0 * layout.N) + j;
        TL.Store(c0, out0);
        if (count > 1)
        {
            TL.Store(c1, out0 + layout.N);
        }

        if (count > 2)
        {
            TL.Store(c2, out0 + (2 * layout.N));
        }

        if (count > 3)
        {
            TL.Store(c3, out0 + (3 * layout.N));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalars(float* a, int* rows, float* dy, float* gradient, DenseBackwardLayout layout, int p0, int count, int j)
    {
        for (int r = 0; r < count; r++)
        {
            float sum = 0f;
            for (int i = 0; i < layout.M; i++)
            {
                float x = a[((long)(rows == null ? i : rows[i]) * layout.K) + p0 + r];
                sum += x * dy[((long)i * layout.N) + j];
            }

            gradient[((long)(p0 + r) * layout.N) + j] = sum;
        }
    }

    /// <summary>The bias gradient: columns j .. j + width - 1 of dY summed over the batch rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BiasColumns<TL, TV>(float* dy, float* biasRow, DenseBackwardLayout layout, int j, int width)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        if (width == TL.Count)
        {
            TV sum = TL.Zero;
            for (int i = 0; i < layout.M; i++)
            {
                sum = TL.Add(sum, TL.Load(dy + ((long)i * layout.N) + j));
            }

            TL.Store(sum, biasRow + j);
            return;
        }

        for (int c = j; c < j + width; c++)
        {
            float sum = 0f;
            for (int i = 0; i < layout.M; i++)
            {
                sum += dy[((long)i * layout.N) + c];
            }

            biasRow[c] = sum;
        }
    }
}
