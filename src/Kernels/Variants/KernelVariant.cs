using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// Which kernel an op launches. Every op has a <see cref="Portable"/> kernel (it compiles for PTX
/// and OpenCL and runs on the CPU accelerator); <see cref="DenseForward"/> and
/// <see cref="WeightGradient"/> add a shared-memory <see cref="Tiled"/> kernel for GPUs; the ops
/// the CPU accelerator runs add CPU-only SIMD bodies at three vector widths. An op picks one when
/// it loads on a device (<see cref="VariantRule"/>) and launches only that one; every variant of
/// an op gives the same bits.
/// </summary>
public enum KernelVariant
{
    Portable,
    Tiled,
    Simd128,
    Simd256,
    Simd512,
}

/// <summary>Names and widths of the <see cref="KernelVariant"/> values.</summary>
public static class KernelVariants
{
    public static IReadOnlyList<KernelVariant> All { get; } = Enum.GetValues<KernelVariant>();

    /// <summary>The SIMD variant at the widest width this machine accelerates: what the CPU accelerator runs.</summary>
    public static KernelVariant WidestSimd { get; } = Of(SimdWidths.Widest);

    /// <summary>The name tables, benchmarks and HANDWRITING_CPU_KERNELS use: "portable", "tiled", "simd128", "simd256", "simd512".</summary>
    public static string Name(this KernelVariant variant) => variant switch
    {
        KernelVariant.Portable => "portable",
        KernelVariant.Tiled => "tiled",
        _ => $"simd{(int)variant.Width()}",
    };

    public static bool IsSimd(this KernelVariant variant) => variant is KernelVariant.Simd128 or KernelVariant.Simd256 or KernelVariant.Simd512;

    /// <summary>The vector width of a SIMD variant.</summary>
    public static SimdWidth Width(this KernelVariant variant) => variant switch
    {
        KernelVariant.Simd128 => SimdWidth.Bits128,
        KernelVariant.Simd256 => SimdWidth.Bits256,
        KernelVariant.Simd512 => SimdWidth.Bits512,
        _ => throw new ArgumentException($"{variant} is not a SIMD variant", nameof(variant)),
    };

    /// <summary>The SIMD variant of a width.</summary>
    public static KernelVariant Of(SimdWidth width) => width switch
    {
        SimdWidth.Bits128 => KernelVariant.Simd128,
        SimdWidth.Bits256 => KernelVariant.Simd256,
        SimdWidth.Bits512 => KernelVariant.Simd512,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "not a SIMD width"),
    };
}
