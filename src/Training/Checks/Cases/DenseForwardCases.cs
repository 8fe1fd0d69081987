using System.Globalization;
using Handwriting.Kernels;
using Handwriting.Training.Checks.Adapters;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// DenseForward, Y = dropout(activation(A . W + bias)) with A gathered through row indices,
/// against Gather, MatMul and Dropout in float64. Both variants at the seed model's shapes
/// (training's two layers at batch 32, evaluation's 1,000-row chunks, one predicted image) and at
/// awkward ones: one row, one element, extents that are multiples of neither the 4 x 8 block
/// nor the 16 x 16 tile.
/// </summary>
public static class DenseForwardCases
{
    public const string Op = "DenseForward";

    private static readonly Shape[] Shapes =
    [
        new(32, 784, 128, Activation.Relu, Bias: true, Gather: true, Rate: 0.2f),
        new(32, 128, 10, Activation.None, Bias: true, Gather: false, Rate: 0f),
        new(1000, 784, 128, Activation.Relu, Bias: true, Gather: false, Rate: 0f, Large: true),
        new(1, 784, 128, Activation.Relu, Bias: true, Gather: false, Rate: 0f, Large: true),
        new(7, 33, 5, Activation.Relu, Bias: true, Gather: true, Rate: 0.2f),
        new(33, 47, 29, Activation.None, Bias: false, Gather: true, Rate: 0f),
        new(1, 1, 1, Activation.Relu, Bias: true, Gather: true, Rate: 0.5f),
    ];

    public static IEnumerable<CheckCase> All() =>
        from variant in new[] { CheckVariants.Blocked, CheckVariants.Tiled }
        from shape in Shapes
        select Case(variant, shape);

    private static CheckCase Case(string variant, Shape shape)
    {
        string name = shape.ToString();
        return new CheckCase(Op, variant, name, target =>
        {
            var random = CheckInputs.For($"{Op} {variant} {name}");
            int sourceRows = shape.Gather ? shape.M + 5 : shape.M;
            var inputs = new DenseForwardInputs(
                shape.M,
                shape.K,
                shape.N,
                CheckInputs.Floats(random, (long)sourceRows * shape.K),
                shape.Gather ? CheckInputs.Ints(random, shape.M, sourceRows) : [],
                CheckInputs.Floats(random, (long)shape.K * shape.N),
                shape.Bias ? CheckInputs.Floats(random, shape.N) : [],
                shape.Activation,
                new DropoutSettings(shape.Rate, 77, 3));
            return [new CheckOutput("y", DenseForwardAdapter.Reference(inputs), DenseForwardAdapter.Kernel(target, variant, inputs), CheckTolerance.MatMul(shape.K))];
        },
        target => variant == CheckVariants.Blocked ? DenseForwardAdapter.BlockedCannotRun(target) : TiledCannotRun(target, shape.Large));
    }

    /// <summary>
    /// The tile kernel needs groups of a tile's threads; on the CPU accelerator every one is an OS
    /// thread, so that of the shapes with K x N = 784 x 128 only the training batch runs there (the
    /// evaluation chunk and the one-row prediction would take most of `check`'s minute; one row is
    /// checked at 1x1x1); GPUs run them all.
    /// </summary>
    internal static string? TiledCannotRun(CheckTarget target, bool large) =>
        target.TileFault ?? (large && target.IsCpu ? "left to GPUs: too slow on the tile-sized CPU device (an OS thread per tile thread)" : null);

    private sealed record Shape(int M, int K, int N, Activation Activation, bool Bias, bool Gather, float Rate, bool Large = false)
    {
        public override string ToString()
        {
            var parts = new List<string> { $"{M}x{K}x{N}" };
            if (Activation == Activation.Relu)
            {
                parts.Add("relu");
            }

            if (Bias)
            {
                parts.Add("bias");
            }

            if (Gather)
            {
                parts.Add("gather");
            }

            if (Rate > 0f)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"dropout {Rate}"));
            }

            return string.Join(' ', parts);
        }
    }
}
