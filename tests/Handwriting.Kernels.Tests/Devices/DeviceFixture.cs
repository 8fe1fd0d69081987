using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// One <see cref="ComputeDevice"/> per backend, shared by every test class of its collection:
/// opening a device and compiling its kernels costs far more than most tests. The device opens on
/// first use, so a fixture for an absent backend (whose tests are all skipped) costs nothing.
/// </summary>
public abstract class DeviceFixture : IDisposable
{
    private readonly Lazy<ComputeDevice> _device;
    private readonly Lazy<CheckTarget> _target;

    protected DeviceFixture(AcceleratorKind kind)
        : this(kind, () => ComputeDevice.Open(kind))
    {
    }

    protected DeviceFixture(AcceleratorKind kind, Func<ComputeDevice> open)
    {
        Kind = kind;
        _device = new Lazy<ComputeDevice>(open);
        _target = new Lazy<CheckTarget>(() => new CheckTarget(_device.Value));
    }

    public AcceleratorKind Kind { get; }

    public ComputeDevice Device => _device.Value;

    /// <summary>The device as `handwriting check` sees it, for the catalog's cases (<see cref="KernelChecks"/>).</summary>
    public CheckTarget Target => _target.Value;

    public void Dispose()
    {
        if (_target.IsValueCreated)
        {
            _target.Value.Dispose();
        }

        if (_device.IsValueCreated)
        {
            _device.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The CPU accelerator as the trainer opens it: the ops load their CPU-only SIMD kernels at the widest width (<see cref="VariantRule"/>).</summary>
public sealed class CpuDeviceFixture() : DeviceFixture(AcceleratorKind.Cpu);

public sealed class CudaDeviceFixture() : DeviceFixture(AcceleratorKind.Cuda);

public sealed class OpenCLDeviceFixture() : DeviceFixture(AcceleratorKind.OpenCL);

/// <summary>
/// A CPU accelerator whose groups hold one tile of threads (16 x 16), for the explicitly grouped
/// tile kernels that the ops run only on GPUs. Every simulated thread is an OS thread: keep shapes small.
/// </summary>
public sealed class TiledCpuDeviceFixture() : DeviceFixture(
    AcceleratorKind.Cpu,
    () => ComputeDevice.OpenCpu(CpuConfiguration.ForGroupSize(TilePolicy.GroupSize)));
