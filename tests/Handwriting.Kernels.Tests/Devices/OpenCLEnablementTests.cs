using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Tests.Portability;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.OpenCL;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// How an OpenCL device that lacks the generic address space (PoCL 3.1) is taken into use: only
/// after every kernel of ours has built on it, and refused with the reason otherwise. Runs where an
/// OpenCL device is present (CI installs PoCL).
/// </summary>
[Collection(OpenCLCollection.Name)]
public sealed class OpenCLEnablementTests(OpenCLDeviceFixture fixture)
{
    [DeviceFact]
    public void The_opened_device_is_opencl_and_builds_every_kernel()
    {
        Assert.Equal(AcceleratorKind.OpenCL, fixture.Device.Kind);
        Assert.Equal(AcceleratorType.OpenCL, fixture.Device.Accelerator.AcceleratorType);
        KernelBuildCheck.BuildAll(fixture.Device.Accelerator);
    }

    /// <summary>Every portable kernel is built; a CPU-only one, which no OpenCL compiler accepts, must not be (or no OpenCL device would ever open).</summary>
    [DeviceFact]
    public void The_build_check_covers_every_portable_kernel_of_the_catalog() =>
        Assert.Equal(
            KernelCatalog.Portable.Keys.Order(StringComparer.Ordinal),
            KernelBuildCheck.Kernels.Where(kernel => !KernelCatalog.IsCpuOnly(kernel)).Select(KernelBuildCheck.NameOf));

    /// <summary>
    /// At O1 ILGPU writes `__generic` pointers, which PoCL's OpenCL C 3.0 compiler rejects without
    /// the feature (PoCL 3.1 does not): the check must then refuse the device, name a kernel, and leave
    /// the capability as the device reported it.
    /// </summary>
    [DeviceFact]
    public void A_device_without_the_generic_address_space_is_refused_when_a_kernel_does_not_build()
    {
        using var context = Context.Create(builder => LocalBarrier.Register(builder).OpenCL(OpenCLDevices.Listed).EnableAlgorithms().Optimize(OptimizationLevel.O1));
        var devices = context.Devices.OfType<CLDevice>().ToList();
        var device = devices.FirstOrDefault(OpenCLDevices.LacksGenericAddressSpace);
        if (device is null)
        {
            // A device that advertises the feature opens as ILGPU opens it, with no check to refuse.
            Assert.All(devices, d => Assert.True(d.Capabilities.GenericAddressSpace));
            return;
        }

        var error = Assert.Throws<NotSupportedException>(() => OpenCLDevices.CreateAccelerator(context, device).Dispose());

        Assert.Contains("lacks the generic address space", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not build on", error.Message, StringComparison.Ordinal);
        Assert.False(device.Capabilities.GenericAddressSpace);
    }
}
