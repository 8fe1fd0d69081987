using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Model;
using Handwriting.Training.Network;

namespace Handwriting.Training.Reference;

/// <summary>
/// The float64 twin of <see cref="DeviceNetwork"/>: the same layers, the same op sequence and the
/// same dropout masks, each device op replaced by its reference of the same name in
/// Handwriting.Kernels.Reference (<see cref="DenseForwardReference"/> per layer, then
/// <see cref="SoftmaxCrossEntropyReference"/>; backwards <see cref="WeightGradientReference"/> and
/// <see cref="InputGradientReference"/> per layer; <see cref="AdamReference"/>). It is slow and
/// obviously correct; tests hold the device network to it, step by step.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly double[][] _outputs;
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
        _outputs = new double[shape.Hidden.Count][];
    }

    public MlpShape Shape { get; }

    public double[] Parameters { get; }

    public double[] Gradients { get; }

    public double[] AdamM { get; }

    public double[] AdamV { get; }

    public int AdamSteps { get; private set; }

    /// <summary>The logits of the last forward pass, (rows, Outputs).</summary>
    public double[] Logits => _logits;

    /// <summary>
    /// One training step, the float64 twin of <see cref="DeviceNetwork.TrainStep"/> and of the
    /// device's <see cref="TrainingStepSequence"/>: forward with dropout's mask of (seed, step), the
    /// loss, backward into <see cref="Gradients"/>, then Adam. input is the batch itself (rows x
    /// Inputs, gathered by the caller); returns each row's loss and hit, and leaves the logits and
    /// the gradients of this step in <see cref="Logits"/> and <see cref="Gradients"/>.
    /// </summary>
    public (double[] Losses, double[] Correct) TrainStep(double[] input, int[] labels, int rows, float dropoutRate, uint seed, uint step, AdamSettings adam)
    {
        Forward(input, rows, dropoutRate, seed, step);
        var lossAndHits = Loss(labels, rows);
        Backward(input, rows, dropoutRate);
        AdamStep(adam);
        return lossAndHits;
    }

    public void Forward(double[] input, int rows, float dropoutRate, uint seed, uint step)
    {
        double[] x = input;
        for (int l = 0; l < Shape.Layers.Count; l++)
        {
            var layer = Shape.Layers[l];
            bool hidden = l < Shape.Hidden.Count;
            var output = new double[rows * layer.Out];
            var dropout = new DropoutSettings(hidden ? dropoutRate : 0f, DropoutSeeds.OfLayer(seed, l), step);
            DenseForwardReference.Run(x, [], Weights(Parameters, layer), Bias(Parameters, layer), output, rows, layer.In, layer.Out, hidden ? Activation.Relu : Activation.None, dropout);
            if (hidden)
            {
                _outputs[l] = output;
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

    public void Backward(double[] input, int rows, float dropoutRate)
    {
        double[] upstream = _logitGradient;
        for (int l = Shape.Layers.Count - 1; l >= 0; l--)
        {
            var layer = Shape.Layers[l];
            double[] layerInput = l == 0 ? input : _outputs[l - 1];
            var gradient = new double[(layer.In + 1) * layer.Out];
            WeightGradientReference.Run(layerInput, [], upstream, gradient, rows, layer.In, layer.Out);
            gradient.CopyTo(Gradients, layer.WeightsOffset);
            if (l == 0)
            {
                break;
            }

            // Into the previous hidden layer: through W^T, dropout and ReLU, as InputGradient does.
            int width = Shape.Hidden[l - 1];
            var preActivation = new double[rows * width];
            InputGradientReference.Run(upstream, Weights(Parameters, layer), _outputs[l - 1], preActivation, rows, layer.Out, width, dropoutRate);
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
