using Handwriting.Kernels.Checks;

namespace Handwriting.Training.Checks;

/// <summary>
/// Every case `handwriting check` runs: the kernel cases (<see cref="KernelChecks"/>, which the
/// kernel tests run too) and one whole training step of the device network in each of its forms
/// (<see cref="TrainingStepCases"/>, which the training tests run).
/// </summary>
public static class CheckCatalog
{
    public static IReadOnlyList<CheckCase> All { get; } = [.. KernelChecks.All, .. TrainingStepCases.All()];

    /// <summary>The case of that <see cref="CheckCase.Name"/>.</summary>
    public static CheckCase Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no check case is named '{name}'", nameof(name));
}
