namespace Handwriting.Kernels.Reference;

/// <summary>
/// A dense layer's forward pass in float64, op for op what <see cref="DenseForward"/> fuses:
/// Y = dropout(activation(A . W + bias)) with A row i = a[rows[i]] (or a[i] without row indices).
/// a is (SourceRows, K), rows is (M) or empty, w is (K, N), bias is (N) or empty, y is (M, N).
/// Built from <see cref="GatherReference.Rows"/>, <see cref="MatMulReference"/> and
/// <see cref="DropoutReference.Forward"/>: each plain enough to check by eye.
/// </summary>
public static class DenseForwardReference
{
    public static void Run(double[] a, int[] rows, double[] w, double[] bias, double[] y, int m, int k, int n, Activation activation, DropoutSettings dropout)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(rows);
        Require.Rate(dropout.Rate, nameof(dropout));
        double[] input = a;
        if (rows.Length != 0)
        {
            input = new double[(long)m * k];
            GatherReference.Rows(a, rows, input, m, k);
        }

        if (dropout.Rate == 0f)
        {
            MatMulReference.Run(input, w, bias, y, m, k, n, activation);
            return;
        }

        var kept = new double[(long)m * n];
        MatMulReference.Run(input, w, bias, kept, m, k, n, activation);
        DropoutReference.Forward(kept, y, m * n, dropout.Rate, dropout.Seed, dropout.Step);
    }
}
