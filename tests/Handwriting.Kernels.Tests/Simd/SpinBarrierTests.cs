using System.Runtime.InteropServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels.Tests.Simd;

/// <summary>
/// The fused training step's barrier, on real threads: no thread leaves a barrier before every
/// thread has reached it, round after round (the barrier resets itself), so a barrier that let one
/// through early shows as a count not yet complete.
/// </summary>
public sealed unsafe class SpinBarrierTests
{
    private const int Rounds = 50;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void No_thread_passes_before_all_arrive(int threads)
    {
        int* state = (int*)NativeMemory.AllocZeroed(SpinBarrier.StateInts, sizeof(int));
        try
        {
            int arrived = 0;
            int early = 0;
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                for (int round = 0; round < Rounds; round++)
                {
                    Interlocked.Increment(ref arrived);
                    SpinBarrier.Wait(state, threads);
                    if (Volatile.Read(ref arrived) != threads * (round + 1))
                    {
                        Interlocked.Increment(ref early);
                    }

                    // A second barrier, so no thread counts the next round before all have checked this one.
                    SpinBarrier.Wait(state, threads);
                }
            })).ToList();
            workers.ForEach(worker => worker.Start());
            Assert.All(workers, worker => Assert.True(worker.Join(TimeSpan.FromMinutes(1)), "a thread is stuck at the barrier"));

            Assert.Equal(0, early);
            Assert.Equal(threads * Rounds, arrived);
            Assert.Equal(0, state[0]);
        }
        finally
        {
            NativeMemory.Free(state);
        }
    }
}
