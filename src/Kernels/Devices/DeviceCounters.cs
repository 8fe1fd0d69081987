namespace Handwriting.Kernels.Devices;

/// <summary>
/// Counts what a training step costs in round trips: kernel launches (every op counts each
/// launch it makes) and host synchronisations (every read-back that waits for the device).
/// Benchmarks read them to report launches and synchronisations per step.
/// </summary>
public sealed class DeviceCounters
{
    private long _launches;
    private long _synchronizations;

    public long Launches => Interlocked.Read(ref _launches);

    public long Synchronizations => Interlocked.Read(ref _synchronizations);

    public void Launched() => Interlocked.Increment(ref _launches);

    public void Synchronized() => Interlocked.Increment(ref _synchronizations);
}
