using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Reference;

/// <summary>
/// The backward references are the gradients of the forward ones: for a scalar loss
/// L = sum(w .* f(x)) with random w, the analytic gradient built from the backward references
/// matches central finite differences of L, in float64, for every input element.
/// </summary>
public sealed class ReferenceGradientTests
{
    /// <summary>
    /// y = activation(A . B + bias), L = sum(w .* y): dZ = relu'(y) .* w (or w), dA = dZ . B^T
    /// (MatMulTransposeB), dB = A^T . dZ (MatMulTransposeA), dbias = column sums of dZ (BiasGradient).
    /// </summary>
    [Theory]
    [InlineData(Activation.None)]
    [InlineData(Activation.Relu)]
    public void Matmul_backward_references_are_the_gradients_of_the_forward_one(Activation activation)
    {
        const int m = 3, k = 5, n = 4;
        var random = new Random(1101 + (int)activation);
        double[] a = FiniteDifference.Doubles(random, m * k);
        double[] b = FiniteDifference.Doubles(random, k * n);
        double[] bias = FiniteDifference.Doubles(random, n);
        double[] w = FiniteDifference.Doubles(random, m * n);
        var y = new double[m * n];
        double Loss()
        {
            MatMulReference.Run(a, b, bias, y, m, k, n, activation);
            return FiniteDifference.Weighted(w, y);
        }

        // Finite differences are meaningless across ReLU's kink: keep every pre-activation clear of it.
        var preActivation = new double[m * n];
        MatMulReference.Run(a, b, bias, preActivation, m, k, n, Activation.None);
        Assert.All(preActivation, z => Assert.True(Math.Abs(z) > 1e-3, $"pre-activation {z} too close to 0; pick another seed"));

        MatMulReference.Run(a, b, bias, y, m, k, n, activation);
        var dz = new double[m * n];
        if (activation == Activation.Relu)
        {
            ReluBackwardReference.Run(w, y, dz, m * n);
        }
        else
        {
            w.CopyTo(dz, 0);
        }

        var da = new double[m * k];
        var db = new double[k * n];
        var dbias = new double[n];
        MatMulTransposeBReference.Run(dz, b, da, m, n, k);
        MatMulTransposeAReference.Run(a, dz, db, m, k, n);
        BiasGradientReference.Run(dz, dbias, m, n);

        FiniteDifference.Agreement.AssertClose(FiniteDifference.Gradient(a, Loss), da, $"dL/dA, {activation}");
        FiniteDifference.Agreement.AssertClose(FiniteDifference.Gradient(b, Loss), db, $"dL/dB, {activation}");
        FiniteDifference.Agreement.AssertClose(FiniteDifference.Gradient(bias, Loss), dbias, $"dL/dbias, {activation}");
    }

    [Fact]
    public void Relu_backward_is_the_gradient_of_relu()
    {
        const int count = 40;
        var random = new Random(1102);

        // Inputs at least 0.01 from the kink, half of them negative.
        double[] x = Array.ConvertAll(FiniteDifference.Doubles(random, count), v => v + (v >= 0 ? 0.01 : -0.01));
        double[] w = FiniteDifference.Doubles(random, count);
        var y = new double[count];
        double Loss()
        {
            for (int i = 0; i < count; i++)
            {
                y[i] = Math.Max(0.0, x[i]);
            }

            return FiniteDifference.Weighted(w, y);
        }

        Loss();
        var dx = new double[count];
        ReluBackwardReference.Run(w, y, dx, count);
        FiniteDifference.Agreement.AssertClose(FiniteDifference.Gradient(x, Loss), dx, "dL/dx through ReLU");
    }

    [Fact]
    public void Dropout_backward_is_the_gradient_of_dropout_forward()
    {
        const int count = 64;
        const float rate = 0.3f;
        var random = new Random(1103);
        double[] x = FiniteDifference.Doubles(random, count);
        double[] w = FiniteDifference.Doubles(random, count);
        var y = new double[count];
        double Loss()
        {
            DropoutReference.Forward(x, y, count, rate, seed: 77, step: 5);
            return FiniteDifference.Weighted(w, y);
        }

        var dx = new double[count];
        DropoutReference.Backward(w, dx, count, rate, seed: 77, step: 5);
        FiniteDifference.Agreement.AssertClose(FiniteDifference.Gradient(x, Loss), dx, "dL/dx through dropout");
        Assert.Contains(0.0, dx);
    }

    /// <summary>dlogits is the gradient of the batch's mean loss, mean(losses).</summary>
    [Theory]
    [InlineData(4, 7)]
    [InlineData(3, 10)]
    [InlineData(2, 1)]
    public void Softmax_cross_entropy_gradient_is_that_of_the_mean_loss(int rows, int classes)
    {
        var random = new Random(RandomArrays.Seed(1104, rows, classes));
        double[] logits = FiniteDifference.Doubles(random, rows * classes, -3, 3);
        int[] labels = RandomArrays.Ints(random, rows, classes);
        var losses = new double[rows];
        var correct = new double[rows];
        var dlogits = new double[rows * classes];
        var scratch = new double[rows * classes];
        double MeanLoss()
        {
            SoftmaxCrossEntropyReference.Run(logits, labels, losses, correct, scratch, rows, classes);
            return losses.Average();
        }

        SoftmaxCrossEntropyReference.Run(logits, labels, losses, correct, dlogits, rows, classes);
        FiniteDifference.Agreement.AssertClose(FiniteDifference.Gradient(logits, MeanLoss), dlogits, $"dL/dlogits ({rows}, {classes})");
    }
}
