using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>Marks a test collection whose tests need an accelerator of this kind.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresDeviceAttribute(AcceleratorKind kind) : Attribute
{
    public AcceleratorKind Kind { get; } = kind;
}
