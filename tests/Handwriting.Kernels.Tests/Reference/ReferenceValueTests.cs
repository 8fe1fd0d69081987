using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Reference;

/// <summary>The references on inputs whose answers are known by hand or by a second, independent route.</summary>
public sealed class ReferenceValueTests
{
    private static readonly Tolerance Rounding = new(1e-12, 1e-12);

    [Fact]
    public void Matmul_adds_bias_then_applies_relu()
    {
        // [1 2; 3 4] . [1 -1; 1 -2] = [3 -5; 7 -11]; + bias [1 4] = [4 -1; 8 -7].
        double[] a = [1, 2, 3, 4];
        double[] b = [1, -1, 1, -2];
        var none = new double[4];
        var relu = new double[4];
        MatMulReference.Run(a, b, [1, 4], none, 2, 2, 2, Activation.None);
        MatMulReference.Run(a, b, [1, 4], relu, 2, 2, 2, Activation.Relu);
        Assert.Equal([4.0, -1, 8, -7], none);
        Assert.Equal([4.0, 0, 8, 0], relu);
    }

    /// <summary>A^T . B and A . B^T equal a plain matmul of an explicitly transposed copy.</summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 4)]
    [InlineData(7, 2, 9)]
    public void Transposed_forms_equal_a_matmul_of_the_transpose(int m, int k, int n)
    {
        var random = new Random(RandomArrays.Seed(1201, m, k, n));
        double[] a = FiniteDifference.Doubles(random, m * k);
        double[] bForA = FiniteDifference.Doubles(random, m * n);
        double[] bForB = FiniteDifference.Doubles(random, n * k);

        var transposeA = new double[k * n];
        var viaTransposeA = new double[k * n];
        MatMulTransposeAReference.Run(a, bForA, transposeA, m, k, n);
        MatMulReference.Run(Transpose(a, m, k), bForA, [], viaTransposeA, k, m, n, Activation.None);
        Rounding.AssertClose(viaTransposeA, transposeA, "A^T . B");

        var transposeB = new double[m * n];
        var viaTransposeB = new double[m * n];
        MatMulTransposeBReference.Run(a, bForB, transposeB, m, k, n);
        MatMulReference.Run(a, Transpose(bForB, n, k), [], viaTransposeB, m, k, n, Activation.None);
        Rounding.AssertClose(viaTransposeB, transposeB, "A . B^T");
    }

    [Fact]
    public void Softmax_cross_entropy_matches_the_textbook_formula()
    {
        double[] logits = [1, 2, 3, 0.5, -1, 2, 0, 0, 0];
        int[] labels = [2, 0, 1];
        var losses = new double[3];
        var correct = new double[3];
        var dlogits = new double[9];
        SoftmaxCrossEntropyReference.Run(logits, labels, losses, correct, dlogits, 3, 3);

        for (int r = 0; r < 3; r++)
        {
            double sum = Math.Exp(logits[3 * r]) + Math.Exp(logits[3 * r + 1]) + Math.Exp(logits[3 * r + 2]);
            Rounding.AssertClose([-Math.Log(Math.Exp(logits[3 * r + labels[r]]) / sum)], [losses[r]], $"loss of row {r}");
        }

        // Row 0's largest logit is its label; row 1's is class 2, not 0; row 2 ties, and the first (class 0) wins.
        Assert.Equal([1.0, 0, 0], correct);
        Rounding.AssertClose([Math.Log(3)], [losses[2]], "equal logits give log(classes)");
        Rounding.AssertClose([1.0 / 9, (1.0 / 3 - 1) / 3, 1.0 / 9], dlogits.AsSpan(6), "gradient of the equal-logit row");
    }

    [Fact]
    public void Softmax_cross_entropy_stays_finite_for_huge_logits()
    {
        var losses = new double[1];
        var correct = new double[1];
        var dlogits = new double[3];
        SoftmaxCrossEntropyReference.Run([1000, 0, -1000], [1], losses, correct, dlogits, 1, 3);
        Rounding.AssertClose([1000.0], losses, "loss of a label 1000 below the maximum");
        Rounding.AssertClose([1.0, -1, 0], dlogits, "gradient when softmax is one-hot");
    }

    /// <summary>
    /// With a constant gradient g the bias-corrected moments are exactly g and g^2, so every step,
    /// the first included, moves each parameter by lr * g / (|g| + epsilon / sqrt(1 - beta2^t)):
    /// lr in the direction of -g. Without the correction the first step would be ~0.3 lr.
    /// </summary>
    [Fact]
    public void Adam_moves_by_the_learning_rate_under_a_constant_gradient()
    {
        var settings = new AdamSettings(LearningRate: 0.01f);
        double[] g = [0.5, -2, 1e-3, -1e-5];
        var parameters = new double[4];
        var m = new double[4];
        var v = new double[4];
        for (int step = 1; step <= 10; step++)
        {
            double[] before = (double[])parameters.Clone();
            AdamReference.Run(parameters, g, m, v, 4, settings, step);
            double correction = settings.Epsilon / Math.Sqrt(1 - Math.Pow(settings.Beta2, step));
            double[] expected = [.. g.Select(x => -(double)settings.LearningRate * x / (Math.Abs(x) + correction))];
            double[] moved = [.. parameters.Zip(before, (after, was) => after - was)];
            new Tolerance(1e-15, 1e-9).AssertClose(expected, moved, $"Adam step {step}");
        }
    }

    [Fact]
    public void Metric_sums_add_losses_and_right_answers()
    {
        var totals = new double[2];
        MetricSumsReference.Run([0.5, 1.5, 2], [1, 0, 1], totals, 3);
        Assert.Equal([4.0, 2], totals);
    }

    [Fact]
    public void Gather_copies_the_indexed_rows_and_labels()
    {
        var rows = new double[6];
        GatherReference.Rows([10, 11, 20, 21, 30, 31], [2, 0, 2], rows, 3, 2);
        Assert.Equal([30.0, 31, 10, 11, 30, 31], rows);

        var labels = new int[3];
        GatherReference.Labels([7, 8, 9], [1, 1, 0], labels, 3);
        Assert.Equal([8, 8, 7], labels);
    }

    [Fact]
    public void References_name_the_argument_with_the_wrong_shape()
    {
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => MatMulReference.Run(new double[6], new double[5], [], new double[4], 2, 3, 2, Activation.None)).ParamName);
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => MatMulReference.Run(new double[6], new double[6], new double[3], new double[4], 2, 3, 2, Activation.None)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => MatMulTransposeAReference.Run(new double[6], new double[4], new double[4], 2, 3, 2)).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => DropoutReference.Backward(new double[3], new double[4], 3, 0.2f, 1, 1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropyReference.Run(new double[6], [0, 3], new double[2], new double[2], new double[6], 2, 3)).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => GatherReference.Labels([1, 2], [2], new int[1], 1)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => AdamReference.Run(new double[1], new double[1], new double[1], new double[1], 1, new AdamSettings(), 0)).ParamName);
    }

    private static double[] Transpose(double[] matrix, int rows, int columns)
    {
        var transposed = new double[matrix.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                transposed[j * rows + i] = matrix[i * columns + j];
            }
        }

        return transposed;
    }
}
