using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Checks;

/// <summary>
/// The accelerator a check runs on, and where each variant of an op runs there: the accelerator
/// itself, except the tile kernels on a CPU accelerator whose groups are too small for a tile,
/// which run on a second CPU device whose groups hold one tile of threads (opened on first use), and devices opened with one variant
/// forced (<see cref="Forced"/>, for the whole training step). <paramref name="tamper"/>, for tests
/// only, changes every kernel output before it is compared, to prove that a wrong output fails.
/// </summary>
public sealed class CheckTarget(ComputeDevice device, Func<float[], float[]>? tamper = null) : IDisposable
{
    private readonly Lazy<ComputeDevice> _tileCpu = new(() => ComputeDevice.OpenCpu(CpuConfiguration.ForGroupSize(TilePolicy.GroupSize)));
    private readonly Dictionary<KernelVariant, ComputeDevice> _forced = [];

    public ComputeDevice Device { get; } = device;

    public bool IsCpu => Device.Accelerator.AcceleratorType == AcceleratorType.CPU;

    /// <summary>The device a variant runs on here: for tiles, a tile-sized CPU device beside a CPU accelerator whose groups hold no tile; else the checked one.</summary>
    public ComputeDevice DeviceFor(KernelVariant variant) =>
        variant == KernelVariant.Tiled && IsCpu && !TilePolicy.Fits(Device.Accelerator) ? _tileCpu.Value : Device;

    /// <summary>Op T fixed to <paramref name="variant"/>, on <see cref="DeviceFor"/> that variant.</summary>
    public T Op<T>(KernelVariant variant)
        where T : class, IDeviceOp<T> => DeviceFor(variant).Ops.Variant<T>(variant);

    /// <summary>
    /// Null when op T's <paramref name="variant"/> runs here, else why not: a CPU-only variant on a
    /// GPU, a SIMD width this CPU does not accelerate (.NET would emulate it, slowly), a tile on a
    /// GPU whose groups cannot hold one, or what the device itself refuses.
    /// </summary>
    public string? CannotRun<T>(KernelVariant variant)
        where T : class, IDeviceOp<T>
    {
        if (variant.IsSimd())
        {
            return !IsCpu ? "CPU-only (SIMD over raw pointers): never loaded on this accelerator"
                : variant.Width() > SimdWidths.Widest ? $"{(int)variant.Width()}-bit vectors: this CPU accelerates up to {(int)SimdWidths.Widest}"
                : DeviceFor(variant).Ops.CannotRun<T>(variant);
        }

        return DeviceFor(variant).Ops.CannotRun<T>(variant);
    }

    /// <summary>The variant as the table shows it: the tile variant says where its tiles ran.</summary>
    public string Label(KernelVariant variant) =>
        variant == KernelVariant.Tiled && IsCpu ? $"tiled ({TilePolicy.Side}x{TilePolicy.Side} CPU groups)" : variant.Name();

    /// <summary>A device of the same accelerator opened with <paramref name="variant"/> forced for every op (the CPU accelerator only), opened once.</summary>
    public ComputeDevice Forced(KernelVariant variant)
    {
        lock (_forced)
        {
            if (!_forced.TryGetValue(variant, out var forced))
            {
                forced = ComputeDevice.Open(AcceleratorKind.Cpu, variant);
                _forced.Add(variant, forced);
            }

            return forced;
        }
    }

    /// <summary>Every kernel output passes through here before it is compared.</summary>
    public float[] Observe(float[] output) => tamper is null ? output : tamper(output);

    public void Dispose()
    {
        if (_tileCpu.IsValueCreated)
        {
            _tileCpu.Value.Dispose();
        }

        foreach (var forced in _forced.Values)
        {
            forced.Dispose();
        }

        _forced.Clear();
    }
}
