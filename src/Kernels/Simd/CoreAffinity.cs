using System.Runtime.InteropServices;

namespace Handwriting.Kernels.Simd;

/// <summary>
/// Pins each thread of a CPU-only launch to a core of its own, once. ILGPU's CPU accelerator wakes
/// its worker threads for every launch, and Linux wakes a thread on the waker's core: measured on
/// the 2-core build machine, both workers of a 0.3 ms launch then ran on one core, each at half
/// speed, for the whole launch (benchmarks/NOTES.md). Pinned, they run side by side. Linux only
/// (sched_setaffinity); elsewhere, and where the call fails, threads stay where the OS puts them.
/// </summary>
internal static partial class CoreAffinity
{
    [ThreadStatic]
    private static bool _pinned;

    public static void Pin(int thread)
    {
        if (_pinned)
        {
            return;
        }

        _pinned = true;
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int cores = Environment.ProcessorCount;
        if (cores < 2 || cores > 64)
        {
            return;
        }

        ulong mask = 1UL << (thread % cores);
        _ = SchedSetAffinity(0, sizeof(ulong), ref mask);
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint size, ref ulong mask);
}
