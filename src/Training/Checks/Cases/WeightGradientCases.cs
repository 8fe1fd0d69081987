using Handwriting.Training.Checks.Adapters;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// WeightGradient, [A^T . dY ; column sums of dY] with A gathered through row indices, against
/// Gather, MatMulTransposeA and BiasGradient in float64: both variants at the seed model's two
/// layers (batch 32), one row, and extents that are multiples of neither block nor tile.
/// </summary>
public static class WeightGradientCases
{
    public const string Op = "WeightGradient";

    private static readonly (int M, int K, int N, bool Gather, bool Large)[] Shapes =
    [
        (32, 784, 128, true, false),
        (32, 128, 10, false, false),
        (1, 784, 128, true, true),
        (7, 33, 5, true, false),
        (33, 47, 29, false, false),
        (1, 1, 1, true, false),
    ];

    public static IEnumerable<CheckCase> All() =>
        from variant in new[] { CheckVariants.Blocked, CheckVariants.Tiled }
        from shape in Shapes
        select Case(variant, shape.M, shape.K, shape.N, shape.Gather, shape.Large);

    private static CheckCase Case(string variant, int m, int k, int n, bool gather, bool large)
    {
        string shape = $"{m}x{k}x{n}" + (gather ? " gather" : "");
        return new CheckCase(Op, variant, shape, target =>
        {
            var random = CheckInputs.For($"{Op} {variant} {shape}");
            int sourceRows = gather ? m + 5 : m;
            var inputs = new WeightGradientInputs(
                m,
                k,
                n,
                CheckInputs.Floats(random, (long)sourceRows * k),
                gather ? CheckInputs.Ints(random, m, sourceRows) : [],
                CheckInputs.Floats(random, (long)m * n));
            return [new CheckOutput("dW;db", WeightGradientAdapter.Reference(inputs), WeightGradientAdapter.Kernel(target, variant, inputs), CheckTolerance.MatMul(m))];
        },
        target => variant == CheckVariants.Blocked ? WeightGradientAdapter.BlockedCannotRun(target) : DenseForwardCases.TiledCannotRun(target, large));
    }
}
