using System.Globalization;
using Handwriting.Kernels;
using Handwriting.Training.Checks.Adapters;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// InputGradient, dY . W^T through dropout and ReLU, against MatMulTransposeB, Dropout's and
/// ReLU's backward passes in float64: the seed model's hidden layer at batch 32 and one row, and
/// awkward extents.
/// </summary>
public static class InputGradientCases
{
    public const string Op = "InputGradient";

    private static readonly (int M, int K, int N, float Rate)[] Shapes =
    [
        (32, 10, 128, 0.2f),
        (1, 10, 128, 0.2f),
        (7, 24, 48, 0.5f),
        (33, 5, 7, 0f),
    ];

    public static IEnumerable<CheckCase> All() => Shapes.Select(shape => Case(shape.M, shape.K, shape.N, shape.Rate));

    private static CheckCase Case(int m, int k, int n, float rate)
    {
        string shape = string.Create(CultureInfo.InvariantCulture, $"{m}x{k}x{n} dropout {rate}");
        return new CheckCase(Op, CheckVariants.Portable, shape, target =>
        {
            var random = CheckInputs.For($"{Op} {shape}");
            float[] dy = CheckInputs.Floats(random, (long)m * k);
            float[] w = CheckInputs.Floats(random, (long)n * k);
            double[] relu = Array.ConvertAll(CheckInputs.Floats(random, (long)m * n), v => Math.Max(0.0, v));
            var inputs = new InputGradientInputs(m, k, n, dy, w, relu, new DropoutSettings(rate, 5, 11));
            return [new CheckOutput("dz", InputGradientAdapter.Reference(inputs), InputGradientAdapter.Kernel(target, inputs), CheckTolerance.MatMul(k))];
        });
    }
}
