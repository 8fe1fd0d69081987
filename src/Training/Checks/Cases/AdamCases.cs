using Handwriting.Kernels;
using Handwriting.Training.Checks.Adapters;
using Handwriting.Training.Model;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// Adam (and AdamW) against the float64 reference over two consecutive steps from step 1, where
/// the bias correction is largest: the seed model's whole flat parameter buffer, and short odd ones.
/// </summary>
public static class AdamCases
{
    public const string Op = "Adam";

    private const int Steps = 2;

    private static readonly (int Count, string Settings, AdamSettings Value)[] Shapes =
    [
        (MlpShape.Seed.ParameterCount, "keras defaults", new AdamSettings()),
        (MlpShape.Seed.ParameterCount, "AdamW lr 0.01 decay 5", new AdamSettings(LearningRate: 0.01f, WeightDecay: 5f)),
        (1, "keras defaults", new AdamSettings()),
        (785, "lr 0.01 beta 0.8/0.99 eps 1e-4", new AdamSettings(LearningRate: 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f)),
    ];

    public static IEnumerable<CheckCase> All() => Shapes.Select(shape => Case(shape.Count, shape.Settings, shape.Value));

    private static CheckCase Case(int count, string settingsName, AdamSettings settings)
    {
        string shape = $"{count} x {Steps} steps, {settingsName}";
        return new CheckCase(Op, CheckVariants.Portable, shape, target =>
        {
            var random = CheckInputs.For($"{Op} {shape}");
            float[] parameters = CheckInputs.Floats(random, count);
            var gradients = Enumerable.Range(0, Steps).Select(_ => CheckInputs.Floats(random, count)).ToList();
            var expected = AdamAdapter.Reference(parameters, gradients, settings);
            var actual = AdamAdapter.Kernel(target, parameters, gradients, settings);
            return
            [
                // Parameters move by ~lr per step; float storage of p dominates their error.
                new CheckOutput("parameters", expected.Parameters, actual.Parameters, new CheckTolerance(1e-6, 1e-6)),
                new CheckOutput("m", expected.M, actual.M, new CheckTolerance(1e-7, 1e-5)),
                new CheckOutput("v", expected.V, actual.V, new CheckTolerance(1e-9, 1e-5)),
            ];
        });
    }
}
