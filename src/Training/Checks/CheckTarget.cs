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
    private readonly Dictionary<KernelVariant, CheckTarget> _forced = [];
    private readonly List<ComputeDevice> _opened = [];

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

    /// <summary>
    /// On the CPU accelerator, this target with a CPU device opened with <paramref name="variant"/>
    /// forced (opened once, kept until this target is disposed); elsewhere this target itself.
    /// </summary>
    public CheckTarget Forcing(KernelVariant variant)
    {
        if (!IsCpu)
        {
            return this;
        }

        lock (_forced)
        {
            if (!_forced.TryGetValue(variant, out var forced))
            {
                var device = ComputeDevice.Open(AcceleratorKind.Cpu, variant);
                _opened.Add(device);
                forced = new CheckTarget(device, tamper);
                _forced.Add(variant, forced);
            }

            return forced;
        }
    }

    /// <summary>Every kernel output passes through here before it is compared.</summary>
    public float[] Observe(float[] output) => tamper is null ? output : tamper(output);

    public void Dispose()
    {
        foreach (var forced in _forced.Values)
        {
            forced.Dispose();
        }

        _forced.Clear();
        foreach (var device in _opened)
        {
            device.Dispose();
        }

        _opened.Clear();
        if (_tileCpu.IsValueCreated)
        {
            _tileCpu.Value.Dispose();
        }
    }
}
