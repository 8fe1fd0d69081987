using System.Globalization;
using Handwriting.Kernels;
using Handwriting.Training.Checks.Adapters;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// The dropout mask that both forward kernels draw, bit for bit against the reference's
/// (<see cref="DropoutMask.Keep"/> of seed, step and index): the seed model's hidden layer at
/// batch 32, and odd shapes at other rates.
/// </summary>
public static class DropoutMaskCases
{
    public const string Op = "DropoutMask";

    private static readonly (int Rows, int Columns, float Rate, uint Step)[] Shapes =
    [
        (32, 128, 0.2f, 3),
        (7, 33, 0.5f, 1500),
        (1, 10, 0.9f, 0),
    ];

    public static IEnumerable<CheckCase> All() =>
        from variant in new[] { CheckVariants.Blocked, CheckVariants.Tiled }
        from shape in Shapes
        select Case(variant, shape.Rows, shape.Columns, shape.Rate, shape.Step);

    private static CheckCase Case(string variant, int rows, int columns, float rate, uint step)
    {
        string shape = string.Create(CultureInfo.InvariantCulture, $"{rows}x{columns} rate {rate} step {step}");
        var dropout = new DropoutSettings(rate, 1234, step);
        return new CheckCase(
            Op,
            variant,
            shape,
            target => [new CheckOutput("mask", DropoutMaskAdapter.ReferenceMask(rows, columns, dropout), DropoutMaskAdapter.KernelMask(target, variant, rows, columns, dropout), CheckTolerance.Bits)],
            target => variant == CheckVariants.Blocked ? DenseForwardAdapter.BlockedCannotRun(target) : DenseForwardCases.TiledCannotRun(target, large: false));
    }
}
