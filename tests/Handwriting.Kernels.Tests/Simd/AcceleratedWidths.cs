using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels.Tests.Simd;

/// <summary>
/// Theory data for the CPU-only SIMD kernels: each case of a portable kernel's theory, once per
/// width in <see cref="SimdWidths.Accelerated"/>, so every width this machine can run is tested,
/// the narrower ones forced, not only the widest that the trainer picks. Wider widths are not run:
/// .NET would emulate them in software, exactly but slowly, and no machine runs them that way
/// (the trainer never picks a width the hardware does not accelerate). A machine with AVX-512
/// tests all three; one with only AVX2, or ARM64 (AdvSimd, 128 bits), the widths it has.
/// </summary>
public static class AcceleratedWidths
{
    public static TheoryData<SimdWidth> Each
    {
        get
        {
            var data = new TheoryData<SimdWidth>();
            foreach (var width in SimdWidths.Accelerated)
            {
                data.Add(width);
            }

            return data;
        }
    }

    /// <summary>Every row of <paramref name="cases"/> with each accelerated width appended.</summary>
    public static IEnumerable<object[]> Times(IEnumerable<object[]> cases) =>
        from row in cases
        from width in SimdWidths.Accelerated
        select (object[])[.. row, width];
}
