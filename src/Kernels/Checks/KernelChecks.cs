using Handwriting.Kernels.Checks.Cases;

namespace Handwriting.Kernels.Checks;

/// <summary>
/// The one catalog of kernel cases: every live op that training, evaluation and prediction
/// launch, in every variant it has, at the seed model's shapes and awkward ones; the dropout masks
/// and augmentation draws bit for bit. `handwriting check` runs them all (with the whole training
/// step, in src/Training/Checks) and the kernel tests run each op's share
/// (tests/Handwriting.Kernels.Tests/Ops), so a shape added here is checked by both.
/// </summary>
public static class KernelChecks
{
    public static IReadOnlyList<CheckCase> All { get; } =
    [
        .. DenseForwardCases.All(),
        .. WeightGradientCases.All(),
        .. InputGradientCases.All(),
        .. SoftmaxCrossEntropyCases.All(),
        .. AdamCases.All(),
        .. MetricSumsCases.All(),
        .. AugmentCases.All(),
        .. PixelBatchCases.All(),
        .. DropoutMaskCases.All(),
    ];

    /// <summary>The case of that <see cref="CheckCase.Name"/>.</summary>
    public static CheckCase Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no check case is named '{name}'", nameof(name));

    /// <summary>The names of an op's cases at one variant, in catalog order: theory data for the kernel tests.</summary>
    public static IEnumerable<string> NamesOf(string op, KernelVariant variant) =>
        All.Where(c => c.Op == op && c.Kernel == variant).Select(c => c.Name);
}
