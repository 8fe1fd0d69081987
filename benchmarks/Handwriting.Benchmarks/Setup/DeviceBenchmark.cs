using BenchmarkDotNet.Attributes;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Benchmarks.Setup;

/// <summary>
/// What every kernel benchmark shares: the accelerator parameter, one open device per case,
/// the device buffers it uploads (freed in cleanup), and <see cref="Synchronize"/>, which each
/// kernel benchmark calls after its launches so that the time measured is the kernel's and not
/// just the launch's. Subclasses upload their inputs in <see cref="Prepare"/> and launch every
/// kernel once there, so that compiling a kernel (on its first load) is never measured.
/// </summary>
public abstract class DeviceBenchmark : IDisposable
{
    private readonly List<IDisposable> _buffers = [];
    private ComputeDevice? _device;

    /// <summary>Every present accelerator; <see cref="RunsOnFilter"/> keeps those each method runs on.</summary>
    [ParamsSource(nameof(Accelerators), Priority = -10)]
    public AcceleratorKind Accelerator { get; set; }

    public static IEnumerable<AcceleratorKind> Accelerators => PresentAccelerators.Kinds;

    protected DeviceOps Ops => Device.Ops;

    /// <summary>
    /// Whether this case's accelerator is a GPU, where an op with a tile kernel prepares that
    /// variant; on the CPU accelerator it prepares the portable and SIMD ones (see <see cref="RunsOnAttribute"/>).
    /// </summary>
    protected bool OnGpu => Accelerator != AcceleratorKind.Cpu;

    protected ComputeDevice Device => _device ?? throw new InvalidOperationException("the benchmark's global setup has not run");

    [GlobalSetup]
    public void OpenDevice()
    {
        // Each row names the variant it times (DeviceOps.Variant<T>), so the device keeps the
        // variants the rule chose, as the trainer opens it.
        _device = ComputeDevice.Open(Accelerator);
        Prepare();
        Synchronize();
    }

    [GlobalCleanup]
    public void CloseDevice() => Dispose();

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }

        _buffers.Clear();
        _device?.Dispose();
        _device = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Uploads inputs, allocates outputs, and runs once each kernel variant this accelerator runs.</summary>
    protected abstract void Prepare();

    protected void Synchronize() => Device.Accelerator.Synchronize();

    protected ArrayView<float> Upload(float[] values) => Keep(Device.Accelerator.Allocate1D(values)).View;

    protected ArrayView<int> Upload(int[] values) => Keep(Device.Accelerator.Allocate1D(values)).View;

    protected ArrayView<byte> Upload(byte[] values) => Keep(Device.Accelerator.Allocate1D(values)).View;

    protected ArrayView<float> Allocate(long length) => Keep(Device.Accelerator.Allocate1D<float>(length)).View;

    protected ArrayView<int> AllocateIntegers(long length) => Keep(Device.Accelerator.Allocate1D<int>(length)).View;

    /// <summary>Disposes <paramref name="owned"/> (a network, say) with the buffers in cleanup.</summary>
    protected T Own<T>(T owned)
        where T : IDisposable
    {
        _buffers.Add(owned);
        return owned;
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Keep<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer)
        where T : unmanaged
    {
        _buffers.Add(buffer);
        return buffer;
    }
}
