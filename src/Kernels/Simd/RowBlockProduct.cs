using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Handwriting.Kernels.Simd;

/// <summary>
/// The product at the heart of the CPU-only SIMD bodies: y (M x N) = A (M x K) . B (K x N), all
/// row-major, where A's row i is a[rows[i]] when row indices are given (a batch gathered as it is
/// read). The work is <see cref="ProductBlocks"/>: blocks of 4 rows by 2 vectors of columns,
/// shared among the threads. A block keeps its 8 vector sums in registers; per step of p it
/// broadcasts 4 floats of A and loads 2 vectors of B. Blocks are ordered column chunk first, and
/// K is walked in panels of <see cref="PanelRows"/> rows, so that the panel of B a chunk needs
/// (16 KB) stays in the level-1 cache while the thread's row blocks pass over it; a block's sums
/// go to y between panels and come back for the next. Columns past the last whole pair of vectors
/// take single vectors, then 4-float vectors, then scalars.
/// <para>
/// Every output is summed over p from 0 with a multiply and then an add per step, in every path,
/// at every width and across panels (storing and reloading a float changes nothing): exactly the
/// scalar loop of the portable kernels, so the bits agree.
/// </para>
/// </summary>
public static unsafe class RowBlockProduct
{
    /// <summary>Rows of B per panel: 128 rows of a 2 x 16-float chunk are 16 KB, a third of a typical 48 KB level-1 cache.</summary>
    public const int PanelRows = 128;

    /// <summary>This thread's share of y = A . B (no epilogue: see <see cref="ProductBlocks"/> to visit the same blocks after).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<TL, TV>(ThreadShare share, float* a, int* rows, float* b, float* y, int m, int k, int n)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var blocks = new ProductBlocks(m, n, 2 * TL.Count);
        var (first, end) = share.Of(blocks.Count);
        var rowPointers = stackalloc float*[ProductBlocks.Rows];
        long item = first;
        while (item < end)
        {
            long chunkEnd = Math.Min(end, blocks.EndOfChunk(item));
            for (int p0 = 0; p0 < k; p0 += PanelRows)
            {
                int p1 = Math.Min(k, p0 + PanelRows);
                for (long it = item; it < chunkEnd; it++)
                {
                    var block = blocks[it];
                    for (int r = 0; r < ProductBlocks.Rows; r++)
                    {
                        // Rows past M repeat the last row, so the loops need no edge code; they are not stored.
                        int i = Math.Min(block.Row + r, m - 1);
                        rowPointers[r] = a + ((long)(rows == null ? i : rows[i]) * k);
                    }

                    Columns<TL, TV>(rowPointers, b, y + ((long)block.Row * n), p0, p1, n, block.RowCount, block.Column, block.ColumnEnd);
                }
            }

            item = chunkEnd;
        }
    }

    /// <summary>Columns [j0, jEnd) of the first <paramref name="count"/> rows of a block, over p in [p0, p1) (continuing y's sums when p0 > 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns<TL, TV>(float** a, float* b, float* y, int p0, int p1, int n, int count, int j0, int jEnd)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        int j = j0;
        for (; j + (2 * TL.Count) <= jEnd; j += 2 * TL.Count)
        {
            Pair<TL, TV>(a, b + j, y + j, p0, p1, n, count);
        }

        for (; j + TL.Count <= jEnd; j += TL.Count)
        {
            Single<TL, TV>(a, b + j, y + j, p0, p1, n, count);
        }

        for (; j + Lanes128.Count <= jEnd; j += Lanes128.Count)
        {
            Single<Lanes128, Vector128<float>>(a, b + j, y + j, p0, p1, n, count);
        }

        for (; j < jEnd; j++)
        {
            Scalars(a, b + j, y + j, p0, p1, n, count);
        }
    }

    /// <summary>4 rows x 2 vectors; stores the first <paramref name="count"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pair<TL, TV>(float** a, float* b, float* y, int p0, int p1, int n, int count)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        float* a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        bool resume = p0 > 0;
        TV c0l = Start<TL, TV>(resume, y), c0h = Start<TL, TV>(resume, y + TL.Count);
        TV c1l = Start<TL, TV>(resume && count > 1, y + n), c1h = Start<TL, TV>(resume && count > 1, y + n + TL.Count);
        TV c2l = Start<TL, TV>(resume && count > 2, y + (2 * n)), c2h = Start<TL, TV>(resume && count > 2, y + (2 * n) + TL.Count);
        TV c3l = Start<TL, TV>(resume && count > 3, y + (3 * n)), c3h = Start<TL, TV>(resume && count > 3, y + (3 * n) + TL.Count);
        b += (long)p0 * n;
        for (int p = p0; p < p1; p++)
        {
            TV lo = TL.Load(b), hi = TL.Load(b + TL.Count);
            TV x = TL.Broadcast(a0[p]);
            c0l = TL.Add(c0l, TL.Multiply(x, lo));
            c0h = TL.Add(c0h, TL.Multiply(x, hi));
            x = TL.Broadcast(a1[p]);
            c1l = TL.Add(c1l, TL.Multiply(x, lo));
            c1h = TL.Add(c1h, TL.Multiply(x, hi));
            x = TL.Broadcast(a2[p]);
            c2l = TL.Add(c2l, TL.Multiply(x, lo));
            c2h = TL.Add(c2h, TL.Multiply(x, hi));
            x = TL.Broadcast(a3[p]);
            c3l = TL.Add(c3l, TL.Multiply(x, lo));
            c3h = TL.Add(c3h, TL.Multiply(x, hi));
            b += n;
        }

        StoreRow<TL, TV>(y, c0l, c0h);
        if (count > 1)
        {
            StoreRow<TL, TV>(y + n, c1l, c1h);
        }

        if (count > 2)
        {
            StoreRow<TL, TV>(y + (2 * n), c2l, c2h);
        }

        if (count > 3)
        {
            StoreRow<TL, TV>(y + (3 * n), c3l, c3h);
        }
    }

    /// <summary>4 rows x 1 vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Single<TL, TV>(float** a, float* b, float* y, int p0, int p1, int n, int count)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        float* a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        bool resume = p0 > 0;
        TV c0 = Start<TL, TV>(resume, y), c1 = Start<TL, TV>(resume && count > 1, y + n);
        TV c2 = Start<TL, TV>(resume && count > 2, y + (2 * n)), c3 = Start<TL, TV>(resume && count > 3, y + (3 * n));
        b += (long)p0 * n;
        for (int p = p0; p < p1; p++)
        {
            TV v = TL.Load(b);
            c0 = TL.Add(c0, TL.Multiply(TL.Broadcast(a0[p]), v));
            c1 = TL.Add(c1, TL.Multiply(TL.Broadcast(a1[p]), v));
            c2 = TL.Add(c2, TL.Multiply(TL.Broadcast(a2[p]), v));
            c3 = TL.Add(c3, TL.Multiply(TL.Broadcast(a3[p]), v));
            b += n;
        }

        TL.Store(c0, y);
        if (count > 1)
        {
            TL.Store(c1, y + n);
        }

        if (count > 2)
        {
            TL.Store(c2, y + (2 * n));
        }

        if (count > 3)
        {
            TL.Store(c3, y + (3 * n));
        }
    }

    /// <summary>4 rows x 1 column, for the last few columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalars(float** a, float* b, float* y, int p0, int p1, int n, int count)
    {
        for (int r = 0; r < count; r++)
        {
            float* row = a[r];
            float* column = b + ((long)p0 * n);
            float* output = y + ((long)r * n);
            float sum = p0 > 0 ? *output : 0f;
            for (int p = p0; p < p1; p++)
            {
                sum += row[p] * *column;
                column += n;
            }

            *output = sum;
        }
    }

    /// <summary>A block row's sums so far: zero at the first panel, else what the last panel stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Start<TL, TV>(bool resume, float* y)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        resume ? TL.Load(y) : TL.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TL, TV>(float* y, TV low, TV high)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        TL.Store(low, y);
        TL.Store(high, y + TL.Count);
    }
}
