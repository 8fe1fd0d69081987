using Handwriting.Kernels;
using Handwriting.Training.Checks.Adapters;
using Handwriting.Training.Model;
using Handwriting.Training.Network;

namespace Handwriting.Training.Checks.Cases;

/// <summary>
/// One whole training step of the device network (forward with dropout, loss, backward, Adam)
/// against the float64 reference trainer: logits, losses, hits, every layer's weight and bias
/// gradient, and the parameters after Adam, with the tolerances of TrainingStepTests. The seed
/// model reads its batch through row indices as the trainer does; two hidden layers at batch 7,
/// and no hidden layer at one row, cover the awkward shapes.
/// </summary>
public static class TrainingStepCases
{
    public const string Op = "TrainingStep";

    private const float DropoutRate = 0.2f;

    private static readonly (int[] Hidden, int Rows, bool InputRows, float WeightDecay)[] Shapes =
    [
        ([128], 32, true, 0f),
        ([48, 24], 7, false, 20f),
        ([], 1, true, 0f),
    ];

    public static IEnumerable<CheckCase> All() => Shapes.Select(shape => Case(new MlpShape(784, shape.Hidden, 10), shape.Rows, shape.InputRows, shape.WeightDecay));

    private static CheckCase Case(MlpShape network, int rows, bool inputRows, float weightDecay)
    {
        string shape = $"{network} x{rows}" + (inputRows ? " gather" : "") + (weightDecay > 0f ? " AdamW" : "");
        return new CheckCase(Op, CheckVariants.Network, shape, target =>
        {
            var random = CheckInputs.For($"{Op} {shape}");
            int sourceRows = inputRows ? rows + 5 : rows;
            var inputs = new TrainingStepInputs(
                network,
                GlorotUniform.Initialize(network, seed: 7),
                CheckInputs.Pixels(random, (long)sourceRows * network.Inputs),
                inputRows ? CheckInputs.Ints(random, rows, sourceRows) : [],
                CheckInputs.Ints(random, rows, network.Outputs),
                DropoutRate,
                1234,
                2,
                new AdamSettings(WeightDecay: weightDecay));
            var expected = TrainingStepAdapter.Reference(inputs);
            var actual = TrainingStepAdapter.Kernel(target, inputs);
            var outputs = new List<CheckOutput>
            {
                new("logits", expected.Logits, actual.Logits, new(1e-5, 1e-4)),
                new("losses", expected.Losses, actual.Losses, new(1e-5, 1e-4)),
                new("correct", expected.Correct, actual.Correct, CheckTolerance.Exact),
            };
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                outputs.Add(new($"dW{l + 1} ({layer.In}x{layer.Out})", Slice(expected.Gradients, layer.WeightsOffset, layer.WeightCount), Slice(actual.Gradients, layer.WeightsOffset, layer.WeightCount), new(1e-6, 1e-4)));
                outputs.Add(new($"db{l + 1} ({layer.Out})", Slice(expected.Gradients, layer.BiasOffset, layer.Out), Slice(actual.Gradients, layer.BiasOffset, layer.Out), new(1e-6, 1e-4)));
            }

            // Adam moves each parameter by about the learning rate (1e-3); 2e-5 leaves room only
            // for the sign of gradients smaller than float32's rounding, never for a wrong update.
            outputs.Add(new("parameters after Adam", expected.Parameters, actual.Parameters, new(2e-5, 1e-4)));
            return outputs;
        });
    }

    private static T[] Slice<T>(T[] values, long offset, int count) => values.AsSpan((int)offset, count).ToArray();
}
