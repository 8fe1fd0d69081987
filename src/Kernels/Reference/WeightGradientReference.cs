namespace Handwriting.Kernels.Reference;

/// <summary>
/// A dense layer's parameter gradients in float64, what <see cref="WeightGradient"/> fuses:
/// dW = A^T . dY (K x N) followed by db = the column sums of dY (N), as one ((K + 1) x N) block,
/// the flat parameter layout of a layer. A row i is a[rows[i]] (or a[i] without row indices).
/// a is (SourceRows, K), rows is (M) or empty, dy is (M, N), gradient is ((K + 1) x N).
/// Built from <see cref="GatherReference.Rows"/>, <see cref="MatMulTransposeAReference"/> and
/// <see cref="BiasGradientReference"/>.
/// </summary>
public static class WeightGradientReference
{
    public static void Run(double[] a, int[] rows, double[] dy, double[] gradient, int m, int k, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(rows);
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Length(gradient, (long)(k + 1) * n, nameof(gradient), $"(({k} + 1) x {n})");
        double[] input = a;
        if (rows.Length != 0)
        {
            input = new double[(long)m * k];
            GatherReference.Rows(a, rows, input, m, k);
        }

        var weights = new double[(long)k * n];
        var bias = new double[n];
        MatMulTransposeAReference.Run(input, dy, weights, m, k, n);
        BiasGradientReference.Run(dy, bias, m, n);
        weights.CopyTo(gradient, 0);
        bias.CopyTo(gradient, weights.Length);
    }
}
