using System.Globalization;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using ILGPU;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// DenseForward, Y = dropout(activation(A . W + bias)) with A gathered through row indices,
/// against Gather, MatMul and Dropout in float64 (<see cref="DenseForwardReference"/>), in every
/// variant. The seed model's shapes (training's two layers at batch 32, evaluation's 1,000-row
/// chunks, one predicted image) and awkward ones: one row, one element, extents that are multiples
/// of neither the 4 x 8 block, the SIMD width nor the 16 x 16 tile, M &lt; K as at batch 32, and
/// with and without gather, bias, ReLU and dropout.
/// </summary>
public static class DenseForwardCases
{
    public const string Op = "DenseForward";

    /// <summary>a is (SourceRows, K) with rows (M) or none, w (K, N), bias (N) or none; y is (M, N).</summary>
    public sealed record Shape(int M, int K, int N, Activation Activation, bool Bias, bool Gather, float Rate, bool Large = false)
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

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(32, 784, 128, Activation.Relu, Bias: true, Gather: true, Rate: 0.2f),
        new(32, 128, 10, Activation.None, Bias: true, Gather: false, Rate: 0f),
        new(1000, 784, 128, Activation.Relu, Bias: true, Gather: false, Rate: 0f, Large: true),
        new(1, 784, 128, Activation.Relu, Bias: true, Gather: false, Rate: 0f, Large: true),
        new(7, 33, 5, Activation.Relu, Bias: true, Gather: true, Rate: 0.2f),
        new(33, 47, 29, Activation.None, Bias: false, Gather: true, Rate: 0f),
        new(1, 1, 1, Activation.Relu, Bias: true, Gather: true, Rate: 0.5f),
        new(32, 784, 128, Activation.Relu, Bias: true, Gather: false, Rate: 0f, Large: true),
        new(32, 784, 10, Activation.None, Bias: true, Gather: true, Rate: 0f, Large: true),
        new(7, 48, 24, Activation.Relu, Bias: false, Gather: true, Rate: 0.5f),
        new(1, 8, 8, Activation.Relu, Bias: true, Gather: true, Rate: 0.2f),
        new(33, 7, 1, Activation.None, Bias: false, Gather: false, Rate: 0f),
        new(33, 7, 1, Activation.None, Bias: true, Gather: false, Rate: 0f),
        new(1, 1, 1, Activation.None, Bias: false, Gather: false, Rate: 0f),
        new(7, 33, 5, Activation.None, Bias: false, Gather: false, Rate: 0f),
        new(33, 47, 29, Activation.Relu, Bias: true, Gather: false, Rate: 0.2f),
        new(16, 16, 16, Activation.Relu, Bias: true, Gather: true, Rate: 0f),
    ];

    public static IEnumerable<CheckCase> All() => OpCases.Of<DenseForward, Shape>(Op, Shapes, Check, shape => shape.Large);

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, DenseForward op)
    {
        int sourceRows = shape.Gather ? shape.M + 5 : shape.M;
        var inputs = new Inputs(
            shape.M,
            shape.K,
            shape.N,
            CheckInputs.Floats(random, (long)sourceRows * shape.K),
            shape.Gather ? CheckInputs.Ints(random, shape.M, sourceRows) : [],
            CheckInputs.Floats(random, (long)shape.K * shape.N),
            shape.Bias ? CheckInputs.Floats(random, shape.N) : [],
            shape.Activation,
            new DropoutSettings(shape.Rate, 77, 3));
        return [new CheckOutput("y", Reference(inputs), Kernel(device, op, inputs), Tolerance.MatMul(shape.K))];
    }

    /// <summary>One launch's inputs: a is (SourceRows, K), rows (M) or empty, w (K, N), bias (N) or empty.</summary>
    internal sealed record Inputs(int M, int K, int N, float[] A, int[] Rows, float[] W, float[] Bias, Activation Activation, DropoutSettings Dropout);

    internal static float[] Kernel(ComputeDevice device, DenseForward op, Inputs x)
    {
        using var a = DeviceArrays.Upload(device, x.A);
        using var rows = DeviceArrays.Upload(device, x.Rows);
        using var w = DeviceArrays.Upload(device, x.W);
        using var bias = DeviceArrays.Upload(device, x.Bias);
        using var y = DeviceArrays.NaNs(device, (long)x.M * x.N);
        ArrayView<int> rowView = DeviceArrays.ViewOf(rows, x.Rows);
        ArrayView<float> biasView = DeviceArrays.ViewOf(bias, x.Bias);
        op.Run(a.View, rowView, w.View, biasView, y.View, x.M, x.K, x.N, x.Activation, x.Dropout);
        return DeviceArrays.Download(device, y);
    }

    private static double[] Reference(Inputs x)
    {
        var y = new double[(long)x.M * x.N];
        DenseForwardReference.Run(CheckInputs.Widen(x.A), x.Rows, CheckInputs.Widen(x.W), CheckInputs.Widen(x.Bias), y, x.M, x.K, x.N, x.Activation, x.Dropout);
        return y;
    }
}
