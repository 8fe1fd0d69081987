using Handwriting.Kernels.Devices;

namespace Handwriting.Runner.Tests.Check;

/// <summary>A fact about what happens without an accelerator: reported as skipped, with the reason, where that accelerator is present.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AbsentAcceleratorFactAttribute : FactAttribute
{
    public AbsentAcceleratorFactAttribute(AcceleratorKind kind)
    {
        Kind = kind;
        if (DeviceCatalog.IsPresent(kind))
        {
            Skip = $"a {kind.Name()} accelerator is present here";
        }
    }

    public AcceleratorKind Kind { get; }
}
