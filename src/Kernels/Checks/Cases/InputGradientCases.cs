using System.Globalization;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// InputGradient, dY . W^T through dropout and ReLU, against MatMulTransposeB, Dropout's and
/// ReLU's backward passes in float64 (<see cref="InputGradientReference"/>), in every variant: the
/// seed model's hidden layer at batch 32 (with and without dropout) and one row, one element, and
/// awkward extents. The layer's forward output y, which the kernel takes as its mask, is built the
/// way the forward pass builds it: dropout of a ReLU output, positive exactly where ReLU passed and
/// dropout kept.
/// </summary>
public static class InputGradientCases
{
    public const string Op = "InputGradient";

    /// <summary>dy is (M, K), w (N, K), the layer's output y and dz (M, N).</summary>
    public sealed record Shape(int M, int K, int N, float Rate)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{M}x{K}x{N} dropout {Rate}");
    }

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(32, 10, 128, 0.2f),
        new(1, 10, 128, 0.2f),
        new(7, 24, 48, 0.5f),
        new(33, 5, 7, 0f),
        new(32, 10, 128, 0f),
        new(1, 1, 1, 0.2f),
        new(13, 7, 37, 0.5f),
    ];

    public static IEnumerable<CheckCase> All() => OpCases.Of<InputGradient, Shape>(Op, Shapes, Check);

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, InputGradient op)
    {
        var (m, k, n) = (shape.M, shape.K, shape.N);
        float[] dy = CheckInputs.Floats(random, (long)m * k);
        float[] w = CheckInputs.Floats(random, (long)n * k);
        double[] relu = Array.ConvertAll(CheckInputs.Floats(random, (long)m * n), v => Math.Max(0.0, v));
        var dropout = new DropoutSettings(shape.Rate, 5, 11);
        double[] y = relu;
        if (shape.Rate > 0f)
        {
            y = new double[relu.Length];
            DropoutReference.Forward(relu, y, relu.Length, dropout.Rate, dropout.Seed, dropout.Step);
        }

        var expected = new double[(long)m * n];
        InputGradientReference.Run(CheckInputs.Widen(dy), CheckInputs.Widen(w), y, expected, m, k, n, dropout.Rate);

        using var deviceDy = DeviceArrays.Upload(device, dy);
        using var deviceW = DeviceArrays.Upload(device, w);
        using var deviceY = DeviceArrays.Upload(device, Array.ConvertAll(y, v => (float)v));
        using var dz = DeviceArrays.NaNs(device, expected.Length);
        op.Run(deviceDy.View, deviceW.View, deviceY.View, dz.View, m, k, n, dropout.Rate);
        return [new CheckOutput("dz", expected, DeviceArrays.Download(device, dz), Tolerance.MatMul(k))];
    }
}
