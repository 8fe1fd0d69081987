namespace Handwriting.Kernels.Reference;

/// <summary>
/// Inverted dropout in float64: y[i] = keep(i) ? x[i] / (1 - rate) : 0, and dx[i] = keep(i) ? dy[i] / (1 - rate) : 0
/// on the way back. The mask is <see cref="DropoutMask.Keep"/> of (seed, step, i), the very
/// function the kernel calls, so both drop the same elements; only the scale is in double here.
/// x, y, dy and dx have Count elements. The forward pass is one step of <see cref="DenseForwardReference"/>.
/// </summary>
public static class DropoutReference
{
    public static void Forward(double[] x, double[] y, int count, float rate, uint seed, uint step)
    {
        Require.Positive(count, nameof(count));
        Require.Rate(rate, nameof(rate));
        Require.Length(x, count, nameof(x), $"({count})");
        Require.Length(y, count, nameof(y), $"({count})");

        double scale = 1.0 / (1.0 - rate);
        for (int i = 0; i < count; i++)
        {
            y[i] = DropoutMask.Keep(seed, step, (uint)i, rate) ? x[i] * scale : 0.0;
        }
    }

    /// <summary>y is linear in x with a diagonal Jacobian, so the backward pass is the forward pass applied to dy.</summary>
    public static void Backward(double[] dy, double[] dx, int count, float rate, uint seed, uint step)
    {
        Require.Positive(count, nameof(count));
        Require.Rate(rate, nameof(rate));
        Require.Length(dy, count, nameof(dy), $"({count})");
        Require.Length(dx, count, nameof(dx), $"({count})");

        double scale = 1.0 / (1.0 - rate);
        for (int i = 0; i < count; i++)
        {
            dx[i] = DropoutMask.Keep(seed, step, (uint)i, rate) ? dy[i] * scale : 0.0;
        }
    }
}
