using Handwriting.Training.Checks.Cases;

namespace Handwriting.Training.Checks;

/// <summary>
/// Every case `handwriting check` runs and the tests run: each live op that training, evaluation
/// and prediction launch, in each variant, at the seed model's shapes and awkward ones; the
/// dropout masks and augmentation draws bit for bit; one whole training step.
/// </summary>
public static class CheckCatalog
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
        .. DropoutMaskCases.All(),
        .. TrainingStepCases.All(),
    ];

    /// <summary>The case of that <see cref="CheckCase.Name"/>.</summary>
    public static CheckCase Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no check case is named '{name}'", nameof(name));
}
