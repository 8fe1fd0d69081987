namespace Handwriting.Kernels.Reference;

/// <summary>
/// The gradient into a hidden layer's pre-activation in float64, what <see cref="InputGradient"/>
/// fuses: dz = (y > 0 ? 1 / (1 - rate) : 0) * (dY . W^T). y is the layer's forward output after
/// ReLU and dropout, positive exactly where ReLU passed and dropout kept, so it carries both
/// masks; dropout's backward pass adds only its scale. dy is (M, K), w is (N, K), y and dz are (M, N).
/// Built from <see cref="MatMulTransposeBReference"/> and <see cref="ReluBackwardReference"/>.
/// </summary>
public static class InputGradientReference
{
    public static void Run(double[] dy, double[] w, double[] y, double[] dz, int m, int k, int n, float dropoutRate)
    {
        Require.Rate(dropoutRate, nameof(dropoutRate));
        var throughW = new double[(long)m * n];
        MatMulTransposeBReference.Run(dy, w, throughW, m, k, n);
        double scale = 1.0 / (1.0 - dropoutRate);
        for (int i = 0; i < throughW.Length; i++)
        {
            throughW[i] *= scale;
        }

        ReluBackwardReference.Run(throughW, y, dz, m * n);
    }
}
