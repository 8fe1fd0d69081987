namespace Handwriting.Kernels.Simd;

/// <summary>
/// A barrier for the threads of one CPU-only launch, kept in two ints of device memory (a count
/// of arrivals and a generation): the last thread to arrive resets the count and bumps the
/// generation; the others spin until it changes. ILGPU's Group.Barrier costs about 9 us on the CPU
/// accelerator and a launch 33-45 us; this costs about 3 us (measured on our 2-core build machines), which is what makes one
/// launch per training step pay. The spinning yields its core after a while (SpinWait, never
/// sleeping), so that a machine busier than its cores still makes progress.
/// </summary>
public static unsafe class SpinBarrier
{
    /// <summary>Ints of state a barrier needs, all zero before the first launch that uses it.</summary>
    public const int StateInts = 2;

    public static void Wait(int* state, int threads)
    {
        if (threads == 1)
        {
            return;
        }

        ref int arrived = ref state[0];
        ref int generation = ref state[1];
        int mine = Volatile.Read(ref generation);
        if (Interlocked.Increment(ref arrived) == threads)
        {
            // Reset before release: the released threads may reach the next barrier at once.
            arrived = 0;
            Volatile.Write(ref generation, unchecked(mine + 1));
            return;
        }

        var spin = default(SpinWait);
        while (Volatile.Read(ref generation) == mine)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
