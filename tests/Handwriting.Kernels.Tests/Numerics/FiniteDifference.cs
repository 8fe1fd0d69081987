namespace Handwriting.Kernels.Tests.Numerics;

/// <summary>Central differences in float64: dL/dx[i] ~ (L(x + h e_i) - L(x - h e_i)) / 2h, with error O(h^2).</summary>
internal static class FiniteDifference
{
    public const double Step = 1e-6;

    /// <summary>
    /// Agreement expected of a central difference with the analytic gradient: truncation O(h^2) ~ 1e-12
    /// plus rounding ~ 1e-16 |L| / h ~ 1e-9 for the small losses used here.
    /// </summary>
    public static readonly Tolerance Agreement = new(1e-7, 1e-6);

    /// <summary>The gradient of <paramref name="loss"/> with respect to <paramref name="x"/>, which it reads (and is restored after each nudge).</summary>
    public static double[] Gradient(double[] x, Func<double> loss)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(loss);
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double saved = x[i];
            x[i] = saved + Step;
            double above = loss();
            x[i] = saved - Step;
            double below = loss();
            x[i] = saved;
            gradient[i] = (above - below) / (2 * Step);
        }

        return gradient;
    }

    /// <summary>sum(w .* y): a scalar loss whose gradient with respect to y is w.</summary>
    public static double Weighted(double[] w, double[] y)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(y);
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            sum += w[i] * y[i];
        }

        return sum;
    }

    public static double[] Doubles(Random random, int count, double low = -1, double high = 1)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + (high - low) * random.NextDouble();
        }

        return values;
    }
}
