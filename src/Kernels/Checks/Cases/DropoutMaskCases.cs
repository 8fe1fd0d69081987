using System.Globalization;
using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// The dropout mask that every DenseForward variant draws, bit for bit against the reference's
/// (<see cref="DropoutMask.Keep"/> of seed, step and index, on the host): the seed model's hidden
/// layer at batch 32, and odd shapes at other rates. The kernels draw it inside DenseForward, so
/// the mask is read from a forward pass whose every output before dropout is 1 (K = 1, a = w = 1):
/// an output is non-zero exactly where it was kept.
/// </summary>
public static class DropoutMaskCases
{
    public const string Op = "DropoutMask";

    public sealed record Shape(int Rows, int Columns, float Rate, uint Step)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rows}x{Columns} rate {Rate} step {Step}");
    }

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(32, 128, 0.2f, 3),
        new(7, 33, 0.5f, 1500),
        new(1, 10, 0.9f, 0),
    ];

    public static IEnumerable<CheckCase> All() => OpCases.Of<DenseForward, Shape>(Op, Shapes, (shape, _, device, op) => Check(shape, device, op));

    private static IReadOnlyList<CheckOutput> Check(Shape shape, ComputeDevice device, DenseForward op)
    {
        var dropout = new DropoutSettings(shape.Rate, 1234, shape.Step);
        return [new CheckOutput("mask", ReferenceMask(shape, dropout), KernelMask(device, op, shape, dropout), Tolerance.Bits)];
    }

    private static float[] KernelMask(ComputeDevice device, DenseForward op, Shape shape, DropoutSettings dropout)
    {
        float[] ones = new float[Math.Max(shape.Rows, shape.Columns)];
        Array.Fill(ones, 1f);
        var inputs = new DenseForwardCases.Inputs(shape.Rows, 1, shape.Columns, ones[..shape.Rows], [], ones[..shape.Columns], [], Activation.None, dropout);
        return Array.ConvertAll(DenseForwardCases.Kernel(device, op, inputs), y => float.IsNaN(y) ? float.NaN : y != 0f ? 1f : 0f);
    }

    private static double[] ReferenceMask(Shape shape, DropoutSettings dropout)
    {
        var mask = new double[(long)shape.Rows * shape.Columns];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = DropoutMask.Keep(dropout.Seed, dropout.Step, (uint)i, dropout.Rate) ? 1 : 0;
        }

        return mask;
    }
}
