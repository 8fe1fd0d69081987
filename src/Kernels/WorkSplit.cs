using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// How a launch divides its items among threads. A GPU wants one thread per item. ILGPU's CPU
/// accelerator runs every simulated thread as an OS thread, so there we launch one thread per
/// hardware slot and give each a contiguous chunk: contiguous, so that threads never write to
/// the same cache line.
/// </summary>
public readonly record struct WorkSplit(int Threads, int ItemsPerThread)
{
    public static WorkSplit For(Accelerator accelerator, long items)
    {
        if (items <= 0)
        {
            return new WorkSplit(0, 0);
        }

        if (accelerator.AcceleratorType != AcceleratorType.CPU)
        {
            return new WorkSplit(checked((int)items), 1);
        }

        int threads = (int)Math.Min(items, accelerator.MaxNumThreads);
        int perThread = checked((int)((items + threads - 1) / threads));
        threads = checked((int)((items + perThread - 1) / perThread));
        return new WorkSplit(threads, perThread);
    }
}
