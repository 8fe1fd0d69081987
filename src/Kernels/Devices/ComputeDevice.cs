using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace Handwriting.Kernels.Devices;

/// <summary>
/// One open accelerator with its ILGPU context and the kernels loaded on it. Dispose it to free
/// the device; every buffer allocated on <see cref="Accelerator"/> must be disposed first.
/// </summary>
public sealed class ComputeDevice : IDisposable
{
    private readonly Context _context;
    private readonly Lazy<DeviceOps> _ops;

    private ComputeDevice(Context context, Accelerator accelerator, AcceleratorKind kind, KernelVariant? forced)
    {
        _context = context;
        Accelerator = accelerator;
        Kind = kind;
        var variant = forced ?? (accelerator.AcceleratorType == AcceleratorType.CPU ? CpuKernelChoice.FromEnvironment() : null);
        if (variant is { } chosen && VariantRule.CannotRunOn(accelerator, chosen) is { } reason)
        {
            throw new KernelVariantException($"{chosen.Name()} forced: {reason}");
        }

        _ops = new Lazy<DeviceOps>(() => new DeviceOps(accelerator, Counters, variant));
    }

    public Accelerator Accelerator { get; }

    /// <summary>Kernel launches and host synchronisations made on this device so far.</summary>
    public DeviceCounters Counters { get; } = new();

    public AcceleratorKind Kind { get; }

    /// <summary>Accelerators that `auto` tried first and that failed to start, with the reasons; empty when none did.</summary>
    public IReadOnlyList<string> SkippedAccelerators { get; private init; } = [];

    public string Name => Description.Name;

    /// <summary>The kernels of this accelerator, each compiled on first use and then reused.</summary>
    public DeviceOps Ops => _ops.Value;

    public DeviceDescription Description => DeviceCatalog.Describe(Accelerator.Device, Kind);

    /// <summary>
    /// Opens the accelerator of the given kind. <see cref="AcceleratorKind.Auto"/> takes CUDA,
    /// then an OpenCL GPU, then the CPU accelerator. An absent kind is a
    /// <see cref="DeviceNotFoundException"/> that names the kinds present.
    /// <paramref name="forced"/> makes every op that has that variant load it (the others their
    /// portable kernel, see <see cref="VariantRule"/>); null lets the rule choose, except that on the
    /// CPU accelerator HANDWRITING_CPU_KERNELS may force one (<see cref="CpuKernelChoice"/>).
    /// A forced variant the accelerator cannot run throws <see cref="KernelVariantException"/>.
    /// </summary>
    public static ComputeDevice Open(AcceleratorKind kind, KernelVariant? forced = null)
    {
        var context = DeviceCatalog.CreateContext(kind);
        try
        {
            var started = AcceleratorFallback.StartFirst(Candidates(context, kind), device => OpenCLDevices.CreateAccelerator(context, device));
            try
            {
                return new ComputeDevice(context, started.Value, started.Kind, forced) { SkippedAccelerators = started.Skipped };
            }
            catch
            {
                started.Value.Dispose();
                throw;
            }
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Opens a CPU accelerator with a custom layout (see <see cref="CpuConfiguration.ForGroupSize"/>), its variants chosen as <see cref="Open"/> chooses them.</summary>
    public static ComputeDevice OpenCpu(CPUDevice layout, KernelVariant? forced = null)
    {
        var context = DeviceCatalog.CreateCpuContext(layout);
        try
        {
            var accelerator = DeviceCatalog.OfType(context, AcceleratorType.CPU).First().CreateAccelerator(context);
            try
            {
                return new ComputeDevice(context, accelerator, AcceleratorKind.Cpu, forced);
            }
            catch
            {
                accelerator.Dispose();
                throw;
            }
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_ops.IsValueCreated)
        {
            _ops.Value.Dispose();
        }

        Accelerator.Dispose();
        _context.Dispose();
    }

    /// <summary>
    /// The devices to try, in order: for auto, CUDA, then an OpenCL device that is not the host CPU
    /// (<see cref="OpenCLDevices.OnHostCpu"/>), then the CPU accelerator; else the one kind asked for.
    /// </summary>
    private static List<(Device Device, AcceleratorKind Kind)> Candidates(Context context, AcceleratorKind kind)
    {
        var candidates = new List<(Device, AcceleratorKind)>();
        foreach (var (type, candidateKind) in new[] { (AcceleratorType.Cuda, AcceleratorKind.Cuda), (AcceleratorType.OpenCL, AcceleratorKind.OpenCL), (AcceleratorType.CPU, AcceleratorKind.Cpu) })
        {
            if (kind == AcceleratorKind.Auto || kind == candidateKind)
            {
                candidates.AddRange(DeviceCatalog.OfType(context, type)
                    .Where(device => kind != AcceleratorKind.Auto || !OpenCLDevices.OnHostCpu(device))
                    .Take(1)
                    .Select(device => (device, candidateKind)));
            }
        }

        if (candidates.Count == 0)
        {
            var present = DeviceCatalog.List().Select(d => d.Kind.Name()).Distinct(); // every backend, not only those this context asked for
            string why = kind switch
            {
                AcceleratorKind.OpenCL => $": {OpenCLAbsence.Reason()}",
                AcceleratorKind.Cuda => $": {CudaAbsence.Reason()}",
                _ => "",
            };
            throw new DeviceNotFoundException(
                $"no {kind.Name()} accelerator is present (present: {string.Join(", ", present)}){why}");
        }

        return candidates;
    }
}
