using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The CPU-only body of <see cref="PixelBatch"/>: this thread's share of the M rows, each byte
/// looked up in a table of the 256 values b / 255f. The table gives exactly the portable
/// kernel's division, about ten times faster than dividing (a division is some 4-5 cycles of
/// throughput, a load from a 1 KB table that stays in the level-1 cache well under one).
/// </summary>
internal static unsafe class PixelBatchBody
{
    private const int CacheLine = 64;

    private static readonly float[] UnitRange = Table();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ThreadShare share, byte* a, int* rows, float* y, int m, int k)
    {
        var (first, end) = share.Of(m);
        fixed (float* table = UnitRange)
        {
            for (long i = first; i < end; i++)
            {
                byte* source = a + ((rows == null ? i : rows[i]) * k);
                float* row = y + (i * k);
                for (int p = 0; p < k; p++)
                {
                    row[p] = table[source[p]];
                }
            }
        }
    }

    /// <summary>
    /// Asks the cache for the rows this thread will read next step (<paramref name="rows"/>, the next
    /// batch's indices), so that they arrive while this step computes: a batch's images are 32
    /// random rows of a 47 MB dataset, which otherwise come from memory one miss after another when
    /// they are read. Nothing where the processor has no prefetch instruction .NET exposes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Prefetch(ThreadShare share, byte* a, int* rows, int m, int k)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var (first, end) = share.Of(m);
        for (long i = first; i < end; i++)
        {
            byte* source = a + ((long)rows[i] * k);
            for (int p = 0; p < k; p += CacheLine)
            {
                Sse.Prefetch0(source + p);
            }

            Sse.Prefetch0(source + k - 1);
        }
    }

    private static float[] Table()
    {
        var table = new float[256];
        for (int b = 0; b < table.Length; b++)
        {
            table[b] = b / 255f;
        }

        return table;
    }
}
