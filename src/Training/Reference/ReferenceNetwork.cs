using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Model;
using Handwriting.Training.Network;

namespace Handwriting.Training.Reference;

/// <summary>
/// The float64 twin of <see cref="DeviceNetwork"/>: the same layers, the same op sequence and the
/// same dropout masks, built from the plain references in Handwriting.Kernels.Reference. It is
/// slow and obviously correct; tests hold the device network to it, step by step.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly double[][] _relu;
    private readonly double[][] _dropped;
    private double[] _logits = [];
    private double[] _logitGradient = [];

    public ReferenceNetwork(MlpShape shape, ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException($"{parameters.Length} parameters given for a {shape} network of {shape.ParameterCount}", nameof(parameters));
        }

        Shape = shape;
        Parameters = new double[shape.ParameterCount];
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameters[i] = parameters[i];
        }

        Gradients = new double[shape.ParameterCount];
        AdamM = new double[shape.ParameterCount];
        AdamV = new double[shape.ParameterCount];
        _relu = new double[shape.Hidden.Count][];
        _dropped = new double[shape.Hidden.Count][];
    }

    public MlpShape Shape { get; }

    public double[] Parameters { get; }

    public double[] Gradients { get; }

    public double[] AdamM { get; }

    public double[] AdamV { get; }

    public int AdamSteps { get; private set; }

    /// <summary>The logits of the last forward pass, (rows, Outputs).</summary>
    public double[] Logits => _logits;

    public void Forward(double[] input, int rows, float dropoutRate, uint seed, uint step)
    {
        double[] x = input;
        for (int l = 0; l < Shape.Layers.Count; l++)
        {
            var layer = Shape.Layers[l];
            bool hidden = l < Shape.Hidden.Count;
            var output = new double[rows * layer.Out];
            MatMulReference.Run(x, Weights(Parameters, layer), Bias(Parameters, layer), output, rows, layer.In, layer.Out, hidden ? Activation.Relu : Activation.None);
            if (hidden)
            {
                _relu[l] = output;
                if (dropoutRate > 0f)
                {
                    var dropped = new double[output.Length];
                    DropoutReference.Forward(output, dropped, output.Length, dropoutRate, LayerDropoutSeed.Of(seed, l), step);
                    output = dropped;
                }

                _dropped[l] = output;
            }
            else
            {
                _logits = output;
            }

            x = output;
        }
    }

    /// <summary>Per-row losses and hits of the last forward pass; keeps the gradient of the mean loss for <see cref="Backward"/>.</summary>
    public (double[] Losses, double[] Correct) Loss(int[] labels, int rows)
    {
        var losses = new double[rows];
        var correct = new double[rows];
        _logitGradient = new double[rows * Shape.Outputs];
        SoftmaxCrossEntropyReference.Run(_logits, labels, losses, correct, _logitGradient, rows, Shape.Outputs);
        return (losses, correct);
    }

    public void Backward(double[] input, int rows, float dropoutRate, uint seed, uint step)
    {
        double[] upstream = _logitGradient;
        for (int l = Shape.Layers.Count - 1; l >= 0; l--)
        {
            var layer = Shape.Layers[l];
            double[] layerInput = l == 0 ? input : _dropped[l - 1];
            var weightGradient = new double[layer.WeightCount];
            var biasGradient = new double[layer.Out];
            MatMulTransposeAReference.Run(layerInput, upstream, weightGradient, rows, layer.In, layer.Out);
            BiasGradientReference.Run(upstream, biasGradient, rows, layer.Out);
            weightGradient.CopyTo(Gradients, layer.WeightsOffset);
            biasGradient.CopyTo(Gradients, layer.BiasOffset);
            if (l == 0)
            {
                break;
            }

            int width = Shape.Hidden[l - 1];
            var outputGradient = new double[rows * width];
            MatMulTransposeBReference.Run(upstream, Weights(Parameters, layer), outputGradient, rows, layer.Out, width);
            if (dropoutRate > 0f)
            {
                var throughDropout = new double[outputGradient.Length];
                DropoutReference.Backward(outputGradient, throughDropout, outputGradient.Length, dropoutRate, LayerDropoutSeed.Of(seed, l - 1), step);
                outputGradient = throughDropout;
            }

            var preActivation = new double[outputGradient.Length];
            ReluBackwardReference.Run(outputGradient, _relu[l - 1], preActivation, preActivation.Length);
            upstream = preActivation;
        }
    }

    public void AdamStep(AdamSettings settings)
    {
        AdamSteps++;
        AdamReference.Run(Parameters, Gradients, AdamM, AdamV, Shape.ParameterCount, settings, AdamSteps);
    }

    private static double[] Weights(double[] flat, LayerShape layer) => flat.AsSpan((int)layer.WeightsOffset, layer.WeightCount).ToArray();

    private static double[] Bias(double[] flat, LayerShape layer) => flat.AsSpan((int)layer.BiasOffset, layer.Out).ToArray();
}
