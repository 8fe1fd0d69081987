using ILGPU.Runtime.CPU;

namespace Handwriting.Kernels.Devices;

/// <summary>
/// How ILGPU's CPU accelerator is laid out. It simulates every GPU thread with an OS thread, so
/// a launch costs roughly in proportion to its simulated threads (measured on our build machines: an empty launch
/// of 1 thread costs ~280 us with ILGPU's default 4x4x1 preset and ~50 us with 2x1x2). We want
/// few, fat threads: one multiprocessor per host core, each a single warp of two threads, and
/// kernels that loop over many elements per thread.
/// </summary>
public static class CpuConfiguration
{
    /// <summary>Threads per simulated warp; ILGPU requires at least 2 (a power of two).</summary>
    public const int ThreadsPerWarp = 2;

    /// <summary>
    /// The CPU device used by <see cref="AcceleratorKind.Cpu"/>: one simulated thread per core (at
    /// least one warp of two). Measured (benchmarks/NOTES.md): more threads than cores
    /// only add to every launch's cost (each launch wakes and joins every thread), and the CPU-only
    /// SIMD kernels want exactly one thread per core.
    /// </summary>
    public static CPUDevice ForHost() => new(ThreadsPerWarp, 1, Math.Max(1, Environment.ProcessorCount / ThreadsPerWarp));

    /// <summary>
    /// A CPU device whose groups can hold <paramref name="groupSize"/> threads, for running the
    /// explicitly grouped (shared-memory tile) kernels meant for GPUs in tests. Slow, but exact.
    /// </summary>
    public static CPUDevice ForGroupSize(int groupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, ThreadsPerWarp);
        return new CPUDevice(ThreadsPerWarp, groupSize / ThreadsPerWarp, 1);
    }
}
