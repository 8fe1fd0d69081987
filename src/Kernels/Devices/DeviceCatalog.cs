using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Handwriting.Kernels.Devices;

/// <summary>The accelerators present on this machine.</summary>
public static class DeviceCatalog
{
    /// <summary>
    /// A context with CUDA, OpenCL devices whose OpenCL C ILGPU can target (also those without the
    /// generic address space: see <see cref="OpenCLDevices"/>) and our CPU layout. Algorithms are
    /// enabled because without them MathF.Exp/Log/Sqrt fail to compile for PTX (an InternalCompilerException in ILGPU 1.5.3); the
    /// tile kernels' barrier gets its local-memory fence on OpenCL (<see cref="LocalBarrier"/>).
    /// </summary>
    public static Context CreateContext() => CreateContext(cuda: true, openCL: true);

    /// <summary>
    /// A context for opening an accelerator of <paramref name="kind"/>: only the backends that can
    /// give it (the CPU accelerator is always there), so that `--accelerator cpu` loads no CUDA or
    /// OpenCL driver, and `auto` lists OpenCL only where an implementation other than PoCL is
    /// installed (<see cref="OpenCLIcds"/>).
    /// </summary>
    public static Context CreateContext(AcceleratorKind kind) => CreateContext(
        cuda: kind is AcceleratorKind.Auto or AcceleratorKind.Cuda,
        openCL: kind == AcceleratorKind.OpenCL || (kind == AcceleratorKind.Auto && !OpenCLIcds.OnlyHostCpuImplementations()));

    /// <summary>A context with only the CPU accelerator, laid out as <paramref name="layout"/> says (<see cref="CpuConfiguration.ForGroupSize"/>).</summary>
    public static Context CreateCpuContext(CPUDevice layout) => CreateContext(cuda: false, openCL: false, layout);

    private static Context CreateContext(bool cuda, bool openCL, CPUDevice? layout = null) =>
        Context.Create(builder =>
        {
            var withBarrier = LocalBarrier.Register(builder);
            if (cuda)
            {
                withBarrier.Cuda();
            }

            if (openCL)
            {
                withBarrier.OpenCL(OpenCLDevices.Listed);
            }

            withBarrier.CPU(layout ?? CpuConfiguration.ForHost())
                .EnableAlgorithms()
                .Optimize(OptimizationLevel.O2);
        });

    /// <summary>Every accelerator present, CUDA first.</summary>
    public static IReadOnlyList<DeviceDescription> List()
    {
        using var context = CreateContext();
        return List(context);
    }

    /// <summary>Whether an accelerator of this kind is present (<see cref="AcceleratorKind.Auto"/>: always).</summary>
    public static bool IsPresent(AcceleratorKind kind) =>
        kind == AcceleratorKind.Auto || List().Any(d => d.Kind == kind);

    internal static IReadOnlyList<DeviceDescription> List(Context context) =>
        OfType(context, AcceleratorType.Cuda).Select(d => Describe(d, AcceleratorKind.Cuda))
            .Concat(OfType(context, AcceleratorType.OpenCL).Select(d => Describe(d, AcceleratorKind.OpenCL)))
            .Concat(OfType(context, AcceleratorType.CPU).Select(d => Describe(d, AcceleratorKind.Cpu)))
            .ToList();

    internal static IEnumerable<Device> OfType(Context context, AcceleratorType type) =>
        context.Devices.Where(device => device.AcceleratorType == type);

    internal static DeviceDescription Describe(Device device, AcceleratorKind kind) =>
        new(kind, kind == AcceleratorKind.Cpu ? CpuName() : device.Name, MemoryOf(device, kind), device.WarpSize, device.MaxNumThreadsPerGroup, device.NumMultiprocessors)
        {
            OnHostCpu = OpenCLDevices.OnHostCpu(device),
            Notes = OpenCLDevices.Notes(device),
        };

    // ILGPU reports long.MaxValue bytes for its CPU accelerator; what a CPU run can use is the process's memory.
    private static long MemoryOf(Device device, AcceleratorKind kind) =>
        kind == AcceleratorKind.Cpu ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes : device.MemorySize;

    private static string CpuName() => $"ILGPU CPU accelerator ({Environment.ProcessorCount} cores)";
}
