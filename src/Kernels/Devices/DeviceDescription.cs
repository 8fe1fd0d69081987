namespace Handwriting.Kernels.Devices;

/// <summary>What `handwriting devices` lists about one accelerator.</summary>
public sealed record DeviceDescription(
    AcceleratorKind Kind,
    string Name,
    long MemoryBytes,
    int WarpSize,
    int MaxGroupSize,
    int Multiprocessors)
{
    /// <summary>An OpenCL device that runs on the host's CPU (PoCL): `auto` passes it by (see <see cref="OpenCLDevices.OnHostCpu"/>).</summary>
    public bool OnHostCpu { get; init; }

    /// <summary>Notes for `handwriting devices` about how this device is used; empty for most.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public override string ToString() =>
        $"{Kind.Name()}: {Name} ({MemoryBytes / (1024 * 1024)} MiB, warp {WarpSize}, max group {MaxGroupSize}, {Multiprocessors} multiprocessors)";
}
