using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The one rule that picks an op's variant, once, when the op loads on a device:
/// <list type="bullet">
/// <item>a forced variant (from the test or tool that opened the device, else from
/// HANDWRITING_CPU_KERNELS on the CPU accelerator, see <see cref="Simd.CpuKernelChoice"/>) where the op
/// has it, else the op's portable kernel;</item>
/// <item>otherwise, on the CPU accelerator, the SIMD bodies at the widest width the hardware
/// accelerates (an OS thread per simulated GPU thread makes barriers and per-access checks costly
/// there); on a GPU whose groups hold a tile, the tile kernel; else the portable kernel.</item>
/// </list>
/// An op without the preferred variant takes its portable kernel; one without that either
/// (<see cref="CpuTrainingStep"/>) has no variant on that device. Nothing else chooses: launching
/// is one call to what the op loaded.
/// </summary>
public static class VariantRule
{
    /// <summary>The variant an op with <paramref name="variants"/> loads on <paramref name="accelerator"/>, or null where it has none.</summary>
    public static KernelVariant? Choose(Accelerator accelerator, KernelVariant? forced, IReadOnlyList<KernelVariant> variants)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(variants);
        var preferred = forced ?? Preferred(accelerator);
        return variants.Contains(preferred) ? preferred
            : variants.Contains(KernelVariant.Portable) ? KernelVariant.Portable
            : null;
    }

    /// <summary>Why <paramref name="variant"/> cannot run on <paramref name="accelerator"/> whatever the op, or null where it can.</summary>
    public static string? CannotRunOn(Accelerator accelerator, KernelVariant variant)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        if (variant.IsSimd() && accelerator.AcceleratorType != AcceleratorType.CPU)
        {
            return $"CPU-only (SIMD over raw pointers); {accelerator.Name} is a {accelerator.AcceleratorType} accelerator";
        }

        if (variant == KernelVariant.Tiled && !TilePolicy.Fits(accelerator))
        {
            return $"{accelerator.Name} allows {accelerator.MaxNumThreadsPerGroup} threads per group; the tile kernel needs {TilePolicy.GroupSize}";
        }

        return null;
    }

    private static KernelVariant Preferred(Accelerator accelerator) =>
        accelerator.AcceleratorType == AcceleratorType.CPU ? KernelVariants.WidestSimd
        : TilePolicy.Fits(accelerator) ? KernelVariant.Tiled
        : KernelVariant.Portable;
}
