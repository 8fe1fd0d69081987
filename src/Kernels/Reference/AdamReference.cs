namespace Handwriting.Kernels.Reference;

/// <summary>
/// One Adam step in float64, as Keras computes it. For step t = 1, 2, ...:
/// alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t) (the bias correction, which matters most at t = 1);
/// m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2); p -= alpha * m / (sqrt(v) + epsilon).
/// With weight decay W (AdamW, decoupled): p -= lr * W * p first, on every parameter.
/// parameters, gradients, m and v have Count elements; m and v start at zero.
/// The reference for <see cref="Adam"/>.
/// </summary>
public static class AdamReference
{
    public static void Run(
        double[] parameters,
        double[] gradients,
        double[] m,
        double[] v,
        int count,
        AdamSettings settings,
        int step)
    {
        Require.Positive(count, nameof(count));
        Require.Positive(step, nameof(step));
        Require.Length(parameters, count, nameof(parameters), $"({count})");
        Require.Length(gradients, count, nameof(gradients), $"({count})");
        Require.Length(m, count, nameof(m), $"({count})");
        Require.Length(v, count, nameof(v), $"({count})");

        double learningRate = settings.LearningRate;
        double beta1 = settings.Beta1;
        double beta2 = settings.Beta2;
        double epsilon = settings.Epsilon;
        double weightDecay = settings.WeightDecay;
        double alpha = learningRate * Math.Sqrt(1.0 - Math.Pow(beta2, step)) / (1.0 - Math.Pow(beta1, step));

        for (int i = 0; i < count; i++)
        {
            double g = gradients[i];
            m[i] += (g - m[i]) * (1.0 - beta1);
            v[i] += (g * g - v[i]) * (1.0 - beta2);
            parameters[i] -= learningRate * weightDecay * parameters[i];
            parameters[i] -= alpha * m[i] / (Math.Sqrt(v[i]) + epsilon);
        }
    }
}
