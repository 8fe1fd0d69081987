using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Handwriting.Kernels.Simd;

/// <summary>
/// The product at the heart of the CPU-only SIMD bodies: for a block of up to 4 rows of A (given
/// as row pointers, so a batch can be gathered through indices as it is read) and a range of
/// columns of B (K x N, row-major), y[r, j] = sum over p of a_r[p] * b[p, j], written to
/// y + r N + j. Blocks of 4 rows by 2 vectors keep 8 vector sums in registers; per step of p a
/// block broadcasts 4 floats of A and loads 2 vectors of B. Columns past the last whole pair of
/// vectors take single vectors, then 4-float vectors, then scalars.
/// <para>
/// Every output is summed over p from 0 with a multiply and then an add per step, in every path
/// and at every width: exactly the scalar loop of the portable kernels, so the bits agree.
/// </para>
/// </summary>
public static unsafe class RowBlockProduct
{
    /// <summary>Rows per block. Rows past the last real one must repeat it: they are computed, never stored.</summary>
    public const int Rows = 4;

    /// <summary>Columns [j0, jEnd) of the first <paramref name="count"/> rows of the block.</summary>
    public static void Columns<TL, TV>(float** a, float* b, float* y, int k, int n, int count, int j0, int jEnd)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        int j = j0;
        for (; j + (2 * TL.Count) <= jEnd; j += 2 * TL.Count)
        {
            Pair<TL, TV>(a, b + j, y + j, k, n, count);
        }

        for (; j + TL.Count <= jEnd; j += TL.Count)
        {
            Single<TL, TV>(a, b + j, y + j, k, n, count);
        }

        for (; j + Lanes128.Count <= jEnd; j += Lanes128.Count)
        {
            Single<Lanes128, Vector128<float>>(a, b + j, y + j, k, n, count);
        }

        for (; j < jEnd; j++)
        {
            Scalars(a, b + j, y + j, k, n, count);
        }
    }

    /// <summary>4 rows x 2 vectors of sums over p; stores the first <paramref name="count"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pair<TL, TV>(float** a, float* b, float* y, int k, int n, int count)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        float* a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        TV c0l = TL.Zero, c0h = TL.Zero, c1l = TL.Zero, c1h = TL.Zero;
        TV c2l = TL.Zero, c2h = TL.Zero, c3l = TL.Zero, c3h = TL.Zero;
        for (int p = 0; p < k; p++)
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

    /// <summary>4 rows x 1 vector of sums over p.</summary>
    private static void Single<TL, TV>(float** a, float* b, float* y, int k, int n, int count)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        float* a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero;
        for (int p = 0; p < k; p++)
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
    private static void Scalars(float** a, float* b, float* y, int k, int n, int count)
    {
        for (int r = 0; r < count; r++)
        {
            float* row = a[r];
            float* column = b;
            float sum = 0f;
            for (int p = 0; p < k; p++)
            {
                sum += row[p] * *column;
                column += n;
            }

            y[(long)r * n] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TL, TV>(float* y, TV low, TV high)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        TL.Store(low, y);
        TL.Store(high, y + TL.Count);
    }
}
