using Handwriting.Kernels;
using Handwriting.Kernels.Reference;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>
/// The float64 references of the fused ops, composed from the plain references exactly as the
/// kernel tests compose them (DenseForwardContract, WeightGradientContract, InputGradientTests).
/// The only place these compositions are typed out for `check`: when the kernels' project names
/// its own DenseForwardReference, WeightGradientReference and InputGradientReference, these three
/// methods become calls to them.
/// </summary>
internal static class FusedReferences
{
    /// <summary>dropout(activation(A . W + bias)) with A row i = a[rows[i]] (or a[i] without rows): Gather, MatMul, Dropout.</summary>
    public static double[] DenseForward(double[] a, int[] rows, double[] w, double[] bias, int m, int k, int n, Activation activation, DropoutSettings dropout)
    {
        double[] gathered = Gathered(a, rows, m, k);
        var product = new double[(long)m * n];
        MatMulReference.Run(gathered, w, bias, product, m, k, n, activation);
        if (dropout.Rate == 0f)
        {
            return product;
        }

        var dropped = new double[product.Length];
        DropoutReference.Forward(product, dropped, product.Length, dropout.Rate, dropout.Seed, dropout.Step);
        return dropped;
    }

    /// <summary>[A^T . dY ; column sums of dY], the (K + 1) x N gradient of weights then bias: Gather, MatMulTransposeA, BiasGradient.</summary>
    public static double[] WeightGradient(double[] a, int[] rows, double[] dy, int m, int k, int n)
    {
        double[] gathered = Gathered(a, rows, m, k);
        var weights = new double[(long)k * n];
        var bias = new double[n];
        MatMulTransposeAReference.Run(gathered, dy, weights, m, k, n);
        BiasGradientReference.Run(dy, bias, m, n);
        return [.. weights, .. bias];
    }

    /// <summary>
    /// The gradient into a hidden layer's pre-activation: dY . W^T, then dropout's backward pass
    /// (the mask of <paramref name="dropout"/>), then ReLU's with the ReLU output <paramref name="relu"/>.
    /// dy is (M, K), w is (N, K), relu is (M, N).
    /// </summary>
    public static double[] InputGradient(double[] dy, double[] w, double[] relu, int m, int k, int n, DropoutSettings dropout)
    {
        var throughW = new double[(long)m * n];
        MatMulTransposeBReference.Run(dy, w, throughW, m, k, n);
        var throughDropout = throughW;
        if (dropout.Rate > 0f)
        {
            throughDropout = new double[throughW.Length];
            DropoutReference.Backward(throughW, throughDropout, throughW.Length, dropout.Rate, dropout.Seed, dropout.Step);
        }

        var result = new double[throughW.Length];
        ReluBackwardReference.Run(throughDropout, relu, result, result.Length);
        return result;
    }

    /// <summary>The layer output the forward pass leaves for InputGradient: dropout of the ReLU output.</summary>
    public static double[] Dropped(double[] relu, DropoutSettings dropout)
    {
        if (dropout.Rate == 0f)
        {
            return relu;
        }

        var dropped = new double[relu.Length];
        DropoutReference.Forward(relu, dropped, relu.Length, dropout.Rate, dropout.Seed, dropout.Step);
        return dropped;
    }

    private static double[] Gathered(double[] a, int[] rows, int m, int k)
    {
        if (rows.Length == 0)
        {
            return a;
        }

        var gathered = new double[(long)m * k];
        GatherReference.Rows(a, rows, gathered, m, k);
        return gathered;
    }
}
