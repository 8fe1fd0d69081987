namespace Handwriting.Kernels.Reference;

/// <summary>
/// The gradient through ReLU in float64: dx[i] = y[i] > 0 ? dy[i] : 0, where y = relu(x) is the
/// forward output. dy, y and dx have Count elements. One step of <see cref="InputGradientReference"/>.
/// </summary>
public static class ReluBackwardReference
{
    public static void Run(double[] dy, double[] y, double[] dx, int count)
    {
        Require.Positive(count, nameof(count));
        Require.Length(dy, count, nameof(dy), $"({count})");
        Require.Length(y, count, nameof(y), $"({count})");
        Require.Length(dx, count, nameof(dx), $"({count})");

        for (int i = 0; i < count; i++)
        {
            dx[i] = y[i] > 0.0 ? dy[i] : 0.0;
        }
    }
}
