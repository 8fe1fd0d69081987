using Handwriting.Training.Checks.Cases;

namespace Handwriting.Training.Checks;

/// <summary>
/// Every case `handwriting check` runs and the tests run: each live op that training, evaluation
/// and prediction launch, in each variant, at the seed model's shapes and awkward ones; the
/// dropout masks and augmentation draws bit for bit; one whole training step. On the CPU
/// accelerator also the CPU-only SIMD variants at every width, and the fused training step.
/// </summary>
public static class CheckCatalog
{
    public static IReadOnlyList<CheckCase> All { get; } =
    [
        .. WithSimd(DenseForwardCases.All(), CheckVariants.Blocked),
        .. WithSimd(WeightGradientCases.All(), CheckVariants.Blocked),
        .. WithSimd(InputGradientCases.All(), CheckVariants.Portable),
        .. WithSimd(SoftmaxCrossEntropyCases.All(), CheckVariants.Portable),
        .. WithSimd(AdamCases.All(), CheckVariants.Portable),
        .. MetricSumsCases.All(),
        .. AugmentCases.All(),
        .. WithSimd(DropoutMaskCases.All(), CheckVariants.Blocked),
        .. WithSimd(TrainingStepCases.All(), CheckVariants.Network, width => $"fused {CheckVariants.Simd(width)}"),
    ];

    /// <summary>An op's cases followed by their CPU-only SIMD variants (<see cref="SimdCases"/>).</summary>
    private static IEnumerable<CheckCase> WithSimd(IEnumerable<CheckCase> cases, string launchedOnCpu, Func<Kernels.Simd.SimdWidth, string>? variant = null)
    {
        var list = cases.ToList();
        return [.. list, .. SimdCases.Of(list, launchedOnCpu, variant)];
    }

    /// <summary>The case of that <see cref="CheckCase.Name"/>.</summary>
    public static CheckCase Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no check case is named '{name}'", nameof(name));
}
