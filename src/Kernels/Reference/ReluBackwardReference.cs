namespace Handwriting.Kernels.Reference;

/// <summary>
/// The gradient through ReLU in float64: dx[i] = y[i] > 0 ? dy[i] : 0, where y = relu(x) is the
/// forward output. dy, y and dx have Count elements. The reference for <see cref="ReluBackward"/>.
/// </summary>
public static class ReluBackwardReference
{
    public static void Run(double[] dy, double[] y, double[] dx, int count)
    {
        Arguments.Positive(count, nameof(count));
        Arguments.Length(dy, count, nameof(dy), $"({count})");
        Arguments.Length(y, count, nameof(y), $"({count})");
        Arguments.Length(dx, count, nameof(dx), $"({count})");

        for (int i = 0; i < count; i++)
        {
            dx[i] = y[i] > 0.0 ? dy[i] : 0.0;
        }
    }
}
