using Handwriting.Kernels.Simd;

namespace Handwriting.Training.Checks;

/// <summary>
/// The CPU-only SIMD variants of an op's cases: the case that its launcher runs on the CPU
/// accelerator (blocked, portable or the network step), again at each SIMD width, which the
/// launcher then hands to the SIMD op (and the network to the fused step). Every width is listed,
/// so `check` shows them all; a width the hardware does not accelerate, and every SIMD variant on
/// a GPU (which never loads a CPU-only kernel), is reported as not run, with why.
/// </summary>
public static class SimdCases
{
    public static IEnumerable<CheckCase> Of(IEnumerable<CheckCase> cases, string launchedOnCpu, Func<SimdWidth, string>? variant = null) =>
        from check in cases
        where check.Variant == launchedOnCpu
        from width in Enum.GetValues<SimdWidth>()
        select check with
        {
            Variant = (variant ?? CheckVariants.Simd)(width),
            Simd = width,
            CannotRun = target => CannotRun(target, width),
        };

    public static string? CannotRun(CheckTarget target, SimdWidth width) =>
        !target.IsCpu ? "CPU-only (SIMD over raw pointers): never loaded on this accelerator"
        : width > SimdWidths.Widest ? $"{(int)width}-bit vectors: this CPU accelerates up to {(int)SimdWidths.Widest}"
        : null;
}
