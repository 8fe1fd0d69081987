using System.Globalization;
using Handwriting.Training.Model;

namespace Handwriting.Api;

/// <summary>
/// Reads a list of layers as the trainer's options: the hidden widths and the one dropout rate.
/// Refuses, naming the layer, what the kernels do not train.
/// </summary>
internal static class LayerPlan
{
    public static (int[] Hidden, float Dropout) Read(IReadOnlyList<Layer> layers, string argument)
    {
        if (layers.Count == 0 || layers[^1] is not DenseLayer { Activation: Activation.Softmax } output)
        {
            throw new ArgumentException("the last layer must be Dense(10, Softmax), one probability per digit", argument);
        }

        if (output.Units != Training.Data.Mnist.Classes)
        {
            throw new ArgumentException($"layers[{layers.Count - 1}]: {output} has {output.Units} units; the output layer gives MNIST's {Training.Data.Mnist.Classes} digits", argument);
        }

        var hidden = new List<int>();
        var rates = new List<double>();
        for (int i = 0; i < layers.Count - 1; i++)
        {
            switch (layers[i])
            {
                case DenseLayer { Activation: Activation.Relu, Units: >= 1 and <= ModelFile.MaxLayerWidth } dense:
                    hidden.Add(dense.Units);
                    break;
                case DenseLayer dense:
                    throw new ArgumentException(
                        $"layers[{i}]: {dense}: a hidden layer must be Dense(units, Relu) with 1 to {ModelFile.MaxLayerWidth} units", argument);
                case DropoutLayer dropout when i == 0 || layers[i - 1] is not DenseLayer:
                    throw new ArgumentException($"layers[{i}]: {dropout} must follow a hidden Dense layer", argument);
                case DropoutLayer { Rate: >= 0 and < 1 } dropout:
                    rates.Add(dropout.Rate);
                    break;
                case DropoutLayer dropout:
                    throw new ArgumentException($"layers[{i}]: {dropout}: the rate must be at least 0 and below 1", argument);
                case null:
                    throw new ArgumentException($"layers[{i}] is null", argument);
                default:
                    throw new ArgumentException($"layers[{i}]: {layers[i].GetType().Name} is not a layer the kernels train", argument);
            }
        }

        if (hidden.Count > ModelFile.MaxHiddenLayers)
        {
            throw new ArgumentException($"{hidden.Count} hidden layers; a model file holds at most {ModelFile.MaxHiddenLayers}", argument);
        }

        // The trainer drops out after every hidden layer at one rate (the seed's): all or none, alike.
        if (rates.Count > 0 && (rates.Count != hidden.Count || rates.Distinct().Count() > 1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"dropout must follow every hidden layer at one rate, or none (found {rates.Count} Dropout layers for {hidden.Count} hidden layers, rates {string.Join(", ", rates.Distinct())})"),
                argument);
        }

        return (hidden.ToArray(), rates.Count > 0 ? (float)rates[0] : 0f);
    }
}
