namespace Handwriting.Kernels.Devices;

/// <summary>
/// Counts what a training step costs in round trips: kernel launches (every op counts each
/// launch it makes) and host synchronisations (every read-back that waits for the device).
/// Benchmarks read them to report launches and synchronisations per step. It also sums the
/// time spent loading (compiling) ops, which `train` reports as a phase of its own.
/// </summary>
public sealed class DeviceCounters
{
    private long _launches;
    private long _synchronizations;
    private long _compileTicks;

    public long Launches => Interlocked.Read(ref _launches);

    public long Synchronizations => Interlocked.Read(ref _synchronizations);

    public void Launched() => Interlocked.Increment(ref _launches);

    public void Synchronized() => Interlocked.Increment(ref _synchronizations);

    /// <summary>Seconds spent loading ops so far: ILGPU compiles a kernel when it is loaded.</summary>
    public double CompileSeconds => Interlocked.Read(ref _compileTicks) / (double)System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Adds the <see cref="System.Diagnostics.Stopwatch"/> ticks one op took to load.</summary>
    public void Compiled(long stopwatchTicks) => Interlocked.Add(ref _compileTicks, stopwatchTicks);
}
