using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>Which accelerators this machine has, asked once per test run (each question opens an ILGPU context).</summary>
public static class DevicePresence
{
    private static readonly Lazy<IReadOnlyList<DeviceDescription>> Present = new(DeviceCatalog.List);

    public static IReadOnlyList<DeviceDescription> Devices => Present.Value;

    public static bool Has(AcceleratorKind kind) =>
        kind == AcceleratorKind.Auto || Present.Value.Any(d => d.Kind == kind);

    /// <summary>Null when the device is present, else why a test that needs it is skipped.</summary>
    public static string? SkipReason(AcceleratorKind kind) =>
        Has(kind) ? null : $"no {Describe(kind)} device present";

    public static string Describe(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Cuda => "CUDA",
        AcceleratorKind.OpenCL => "OpenCL",
        AcceleratorKind.Cpu => "CPU",
        _ => kind.ToString(),
    };
}
