using Handwriting.Training.Model;

namespace Handwriting.Training.Network;

/// <summary>
/// The Keras default initialisation of a Dense layer: weights uniform in [-limit, limit] with
/// limit = sqrt(6 / (fan_in + fan_out)), biases zero. Drawn from a seeded generator in layer
/// order, so the same seed gives the same network on every accelerator.
/// </summary>
public static class GlorotUniform
{
    public static float[] Initialize(MlpShape shape, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[shape.ParameterCount];
        foreach (var layer in shape.Layers)
        {
            double limit = Math.Sqrt(6.0 / (layer.In + layer.Out));
            var weights = parameters.AsSpan((int)layer.WeightsOffset, layer.WeightCount);
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)((random.NextDouble() * 2 - 1) * limit);
            }
        }

        return parameters;
    }
}
