namespace Handwriting.Kernels;

/// <summary>
/// An op that <see cref="DeviceOps"/> can load. <see cref="Variants"/> lists its kernels;
/// <see cref="DeviceOps"/> picks one by <see cref="VariantRule"/> (or loads the one a caller names,
/// <see cref="DeviceOps.Variant{T}"/>) and calls <see cref="Load"/>, which compiles that kernel
/// only, once per device and variant. Adding an op is implementing this, nothing else.
/// </summary>
public interface IDeviceOp<TSelf>
    where TSelf : class, IDeviceOp<TSelf>
{
    /// <summary>The variants the op has (each must be able to run wherever <see cref="VariantRule.CannotRunOn"/> allows it).</summary>
    static abstract IReadOnlyList<KernelVariant> Variants { get; }

    /// <summary>What this instance launches: fixed when it loaded.</summary>
    KernelVariant Variant { get; }

    /// <summary>Compiles <paramref name="variant"/>, one of <see cref="Variants"/>, already checked to run on the device. Called by <see cref="DeviceOps"/> only.</summary>
    static abstract TSelf Load(DeviceOps ops, KernelVariant variant);
}
