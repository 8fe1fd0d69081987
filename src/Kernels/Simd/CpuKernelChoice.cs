namespace Handwriting.Kernels.Simd;

/// <summary>
/// The variant HANDWRITING_CPU_KERNELS forces on the CPU accelerator (<see cref="VariantRule"/>):
/// unset or "simd" forces none (the rule takes the SIMD bodies at the widest width the hardware
/// accelerates), "portable" the portable kernels (what a GPU compiles, run by ILGPU as .NET code:
/// for comparing the two), "simd128", "simd256", "simd512" one width. All give the same bits;
/// only the time differs.
/// </summary>
public static class CpuKernelChoice
{
    public const string Variable = "HANDWRITING_CPU_KERNELS";

    /// <summary>The variant the variable forces, or null for none; throws <see cref="CpuKernelChoiceException"/> naming the variable on any other value.</summary>
    public static KernelVariant? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static KernelVariant? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "simd" => null,
        "portable" => KernelVariant.Portable,
        "simd128" => KernelVariant.Simd128,
        "simd256" => KernelVariant.Simd256,
        "simd512" => KernelVariant.Simd512,
        _ => throw new CpuKernelChoiceException($"{Variable}={value} is not one of simd, portable, simd128, simd256, simd512"),
    };
}
