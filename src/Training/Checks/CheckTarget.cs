using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using ILGPU.Runtime;

namespace Handwriting.Training.Checks;

/// <summary>
/// The accelerator a check runs on, and the device its tile kernels run on: the accelerator itself
/// on a GPU, and on the CPU accelerator a second CPU device whose groups hold one tile of threads
/// (the one the kernel tests use), opened on first use. <paramref name="tamper"/>, for tests only,
/// changes every kernel output before it is compared, to prove that a wrong output fails.
/// </summary>
public sealed class CheckTarget(ComputeDevice device, Func<float[], float[]>? tamper = null) : IDisposable
{
    private const int TileThreads = DenseForwardTiledKernel.Tile * DenseForwardTiledKernel.Tile;

    private readonly Lazy<ComputeDevice> _tileCpu = new(() => ComputeDevice.OpenCpu(CpuConfiguration.ForGroupSize(TileThreads)));

    public ComputeDevice Device { get; } = device;

    public bool IsCpu => Device.Accelerator.AcceleratorType == AcceleratorType.CPU;

    /// <summary>Null when the tile kernels can run here, else why not: a GPU whose groups cannot hold a tile.</summary>
    public string? TileFault =>
        IsCpu || Device.Accelerator.MaxNumThreadsPerGroup >= TileThreads
            ? null
            : $"{Device.Name} allows {Device.Accelerator.MaxNumThreadsPerGroup} threads per group; a tile needs {TileThreads}";

    /// <summary>Where the tile kernels run: this GPU, or the tile-sized CPU device beside the CPU accelerator.</summary>
    public ComputeDevice TileDevice => IsCpu ? _tileCpu.Value : Device;

    /// <summary>"16x16 groups on the CPU accelerator" where the tiles do not run on the checked device itself.</summary>
    public string TileNote => IsCpu ? $"tiled ({DenseForwardTiledKernel.Tile}x{DenseForwardTiledKernel.Tile} CPU groups)" : "tiled";

    /// <summary>Every kernel output passes through here before it is compared.</summary>
    public float[] Observe(float[] output) => tamper is null ? output : tamper(output);

    public void Dispose()
    {
        if (_tileCpu.IsValueCreated)
        {
            _tileCpu.Value.Dispose();
        }
    }
}
