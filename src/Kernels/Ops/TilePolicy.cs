using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// When the ops with a shared-memory tile kernel (<see cref="DenseForwardTiled"/>,
/// <see cref="WeightGradientTiled"/>) use it: on every GPU whose groups hold one tile's
/// Side x Side threads. On the CPU accelerator a barrier costs OS threads, so the blocked kernels
/// run there; tests still run the tile kernels on a CPU accelerator with tile-sized groups
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

    /// <summary>Whether the ops launch their tile kernels on this accelerator: on every GPU whose groups fit a tile.</summary>
    public static bool Chosen(Accelerator accelerator) =>
        Fits(accelerator) && accelerator.AcceleratorType != AcceleratorType.CPU;

    /// <summary>Refuses, before anything is compiled, an accelerator whose groups cannot hold a tile.</summary>
    internal static void RequireFits(Accelerator accelerator)
    {
        if (!Fits(accelerator))
        {
            throw new NotSupportedException($"{accelerator.Name} allows {accelerator.MaxNumThreadsPerGroup} threads per group; the tile kernel needs {GroupSize}.");
        }
    }
}
