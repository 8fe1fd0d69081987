using System.Runtime.Intrinsics;

namespace Handwriting.Kernels.Simd;

/// <summary>
/// The vector width of the CPU-only SIMD kernel bodies, in bits. <see cref="SimdWidths.Widest"/> is what the
/// hardware reports (AVX-512, AVX2, SSE or ARM64's AdvSimd), and is what the CPU accelerator runs;
/// tests force every narrower width too. Every width computes the same bits: the bodies vectorise
/// across outputs, so an output's sum runs in the same order whatever the width.
/// </summary>
public enum SimdWidth
{
    Bits128 = 128,
    Bits256 = 256,
    Bits512 = 512,
}

public static class SimdWidths
{
    /// <summary>
    /// The widest vectors the JIT accelerates on this machine. .NET reports 512 only where AVX-512
    /// is present and not known to throttle the clock; 128 is the floor (on hardware without any
    /// vector unit .NET emulates it, still exactly).
    /// </summary>
    public static SimdWidth Widest { get; } =
        Vector512.IsHardwareAccelerated ? SimdWidth.Bits512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Bits256
        : SimdWidth.Bits128;

    /// <summary>Every width up to <see cref="Widest"/>: what this machine runs at full speed.</summary>
    public static IReadOnlyList<SimdWidth> Accelerated { get; } =
        Enum.GetValues<SimdWidth>().Where(width => width <= Widest).ToArray();

    /// <summary>Floats per vector of <paramref name="width"/>.</summary>
    public static int Floats(this SimdWidth width) => (int)width / 32;
}
