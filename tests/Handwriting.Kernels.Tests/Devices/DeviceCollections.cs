using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// The kernel tests of one backend form one collection: they share its device and run one after
/// another (the CPU accelerator already uses every core), while collections run side by side.
/// <see cref="RequiresDeviceAttribute"/> tells <see cref="DeviceFactAttribute"/> which device the
/// collection's tests need, so they are reported as skipped where it is absent.
/// </summary>
[CollectionDefinition(Name)]
[RequiresDevice(AcceleratorKind.Cpu)]
public sealed class CpuCollection : ICollectionFixture<CpuDeviceFixture>
{
    public const string Name = "CPU accelerator";
}

[CollectionDefinition(Name)]
[RequiresDevice(AcceleratorKind.Cuda)]
public sealed class CudaCollection : ICollectionFixture<CudaDeviceFixture>
{
    public const string Name = "CUDA accelerator";
}

[CollectionDefinition(Name)]
[RequiresDevice(AcceleratorKind.OpenCL)]
public sealed class OpenCLCollection : ICollectionFixture<OpenCLDeviceFixture>
{
    public const string Name = "OpenCL accelerator";
}

/// <summary>The CPU accelerator with tile-sized groups (<see cref="TiledCpuDeviceFixture"/>).</summary>
[CollectionDefinition(Name)]
[RequiresDevice(AcceleratorKind.Cpu)]
public sealed class TiledCpuCollection : ICollectionFixture<TiledCpuDeviceFixture>
{
    public const string Name = "CPU accelerator, tile-sized groups";
}
