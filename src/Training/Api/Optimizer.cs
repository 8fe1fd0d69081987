using System.Globalization;
using Handwriting.Kernels;

namespace Handwriting.Api;

/// <summary>How training updates the weights: Adam, the one optimizer the kernels implement (<see cref="Adam"/>).</summary>
public sealed record Optimizer
{
    private Optimizer(double learningRate, double beta1, double beta2, double epsilon)
    {
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>The step size.</summary>
    public double LearningRate { get; }

    /// <summary>The decay of the running mean of gradients.</summary>
    public double Beta1 { get; }

    /// <summary>The decay of the running mean of squared gradients.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator so it never is zero (Keras's default, 1e-7).</summary>
    public double Epsilon { get; }

    /// <summary>Adam with Keras's defaults unless given: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.</summary>
    /// <param name="learningRate">The step size, a positive number.</param>
    /// <param name="beta1">The decay of the gradients' running mean, in [0, 1).</param>
    /// <param name="beta2">The decay of the squared gradients' running mean, in [0, 1).</param>
    /// <param name="epsilon">A small positive number.</param>
    /// <returns>The optimizer, for <see cref="Sequential.Compile"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range; the exception names it.</exception>
    public static Optimizer Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
    {
        if (!(learningRate > 0 && double.IsFinite(learningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the learning rate must be a positive number");
        }

        RequireDecay(beta1, nameof(beta1));
        RequireDecay(beta2, nameof(beta2));
        if (!(epsilon > 0 && double.IsFinite(epsilon)))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive number");
        }

        return new Optimizer(learningRate, beta1, beta2, epsilon);
    }

    /// <summary>As Keras writes it: Adam(learning_rate=0.001).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Adam(learning_rate={LearningRate})");

    /// <summary>The kernels' settings, in the floats they compute in.</summary>
    internal AdamSettings Settings => new((float)LearningRate, (float)Beta1, (float)Beta2, (float)Epsilon);

    private static void RequireDecay(double beta, string name)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(name, beta, $"{name} must be at least 0 and below 1");
        }
    }
}
