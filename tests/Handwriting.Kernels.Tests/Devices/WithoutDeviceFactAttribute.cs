using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>A fact about a machine that lacks an accelerator kind (the constructor's <c>kind</c>): skipped, with the reason, where it is present.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class WithoutDeviceFactAttribute : FactAttribute
{
    public WithoutDeviceFactAttribute(AcceleratorKind kind)
    {
        Kind = kind;
        if (DevicePresence.Has(kind))
        {
            Skip = $"a {DevicePresence.Describe(kind)} device is present";
        }
    }

    public AcceleratorKind Kind { get; }
}
