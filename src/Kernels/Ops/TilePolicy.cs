using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The size of the shared-memory tiles of the ops' <see cref="KernelVariant.Tiled"/> kernels, and
/// whether an accelerator's groups hold one (<see cref="VariantRule"/> chooses them on every GPU
/// that does). On the CPU accelerator a barrier costs OS threads, so the rule never prefers them
/// there; tests still run them on a CPU accelerator with tile-sized groups
/// (<see cref="Devices.CpuConfiguration.ForGroupSize"/>).
/// </summary>
public static class TilePolicy
{
    /// <summary>The side of an output tile and of a reduction slab: a group holds Side x Side threads.</summary>
    public const int Side = 16;

    /// <summary>Threads per group a tile kernel launches.</summary>
    public const int GroupSize = Side * Side;

    /// <summary>Whether the accelerator's groups can hold one tile's threads.</summary>
    public static bool Fits(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return accelerator.MaxNumThreadsPerGroup >= GroupSize;
    }
}
