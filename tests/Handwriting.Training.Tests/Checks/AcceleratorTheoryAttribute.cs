using Handwriting.Kernels.Devices;

namespace Handwriting.Training.Tests.Checks;

/// <summary>A theory that needs one kind of accelerator: reported as skipped, with the reason, where that accelerator is absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AcceleratorTheoryAttribute : TheoryAttribute
{
    private static readonly Lazy<IReadOnlyList<DeviceDescription>> Present = new(DeviceCatalog.List);

    public AcceleratorTheoryAttribute(AcceleratorKind kind)
    {
        Kind = kind;
        if (!Present.Value.Any(d => d.Kind == kind))
        {
            Skip = $"no {kind.Name()} accelerator present";
        }
    }

    public AcceleratorKind Kind { get; }
}
