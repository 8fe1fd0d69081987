namespace Handwriting.Kernels.Simd;

/// <summary>
/// Which kernels the CPU accelerator runs, from the environment variable HANDWRITING_CPU_KERNELS:
/// unset or "simd" for the CPU-only SIMD kernels at the widest width the hardware accelerates,
/// "portable" for the portable kernels (what a GPU compiles, run by ILGPU as .NET code: for
/// comparing the two), or "simd128", "simd256", "simd512" for one width. Both give the same bits;
/// only the time differs.
/// </summary>
public static class CpuKernelChoice
{
    public const string Variable = "HANDWRITING_CPU_KERNELS";

    /// <summary>The SIMD width the variable asks for, or null for the portable kernels; throws <see cref="CpuKernelChoiceException"/> naming the variable on any other value.</summary>
    public static SimdWidth? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static SimdWidth? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "simd" => SimdWidths.Widest,
        "portable" => null,
        "simd128" => SimdWidth.Bits128,
        "simd256" => SimdWidth.Bits256,
        "simd512" => SimdWidth.Bits512,
        _ => throw new CpuKernelChoiceException($"{Variable}={value} is not one of simd, portable, simd128, simd256, simd512"),
    };
}
