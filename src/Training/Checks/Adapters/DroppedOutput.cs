using Handwriting.Kernels;
using Handwriting.Kernels.Reference;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>The layer output the forward pass leaves for InputGradient: dropout of the ReLU output, in float64.</summary>
internal static class DroppedOutput
{
    public static double[] Of(double[] relu, DropoutSettings dropout)
    {
        if (dropout.Rate == 0f)
        {
            return relu;
        }

        var dropped = new double[relu.Length];
        DropoutReference.Forward(relu, dropped, relu.Length, dropout.Rate, dropout.Seed, dropout.Step);
        return dropped;
    }
}
