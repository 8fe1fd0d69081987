namespace Handwriting.Kernels.Simd;

/// <summary>
/// Thread <see cref="Thread"/> of <see cref="Threads"/> in a CPU-only launch, and its share of
/// a run of work items: contiguous, so that two threads never write to the same cache line except
/// at the seam, and independent of the thread count in what it computes (each output is computed
/// by one thread, in one fixed order), so that results do not depend on the number of cores.
/// </summary>
public readonly record struct ThreadShare(int Thread, int Threads)
{
    /// <summary>One thread with all of the work: for a body that runs a thread's part of a split it made itself.</summary>
    public static ThreadShare Alone => new(0, 1);

    /// <summary>The items [First, End) of <paramref name="items"/> that this thread takes.</summary>
    public (long First, long End) Of(long items)
    {
        long per = (items + Threads - 1) / Threads;
        long first = Math.Min(items, per * Thread);
        return (first, Math.Min(items, first + per));
    }

    /// <summary>As <see cref="Of(long)"/>, with every boundary but the last a multiple of <paramref name="multiple"/> (so vectors do not straddle two threads).</summary>
    public (long First, long End) Of(long items, int multiple)
    {
        long units = (items + multiple - 1) / multiple;
        var (first, end) = Of(units);
        return (Math.Min(items, first * multiple), Math.Min(items, end * multiple));
    }
}
