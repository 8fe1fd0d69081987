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
    public override string ToString() =>
        $"{Kind.Name()}: {Name} ({MemoryBytes / (1024 * 1024)} MiB, warp {WarpSize}, max group {MaxGroupSize}, {Multiprocessors} multiprocessors)";
}
