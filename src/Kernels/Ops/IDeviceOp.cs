namespace Handwriting.Kernels;

/// <summary>
/// An op that <see cref="DeviceOps"/> can load: <see cref="Load"/> compiles its kernels, which
/// <see cref="DeviceOps"/> does once per device, on first use. Adding an op is implementing this,
/// nothing else.
/// </summary>
internal interface IDeviceOp<TSelf>
    where TSelf : class, IDeviceOp<TSelf>
{
    static abstract TSelf Load(DeviceOps ops);
}
