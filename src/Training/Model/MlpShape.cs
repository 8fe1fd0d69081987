using Handwriting.Training.Data;

namespace Handwriting.Training.Model;

/// <summary>
/// The shape of a multi-layer perceptron: Inputs -> Dense(h, ReLU) for each h in Hidden -> Dense(Outputs).
/// Every parameter lives in one flat float array so that a single Adam launch updates them all;
/// layer l occupies [weights (In x Out, row-major), bias (Out)] starting at <see cref="LayerShape.WeightsOffset"/>.
/// </summary>
public sealed record MlpShape
{
    public MlpShape(int inputs, IReadOnlyList<int> hidden, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        foreach (int width in hidden)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(width, 1, nameof(hidden));
        }

        Inputs = inputs;
        Hidden = hidden.ToArray();
        Outputs = outputs;

        var layers = new List<LayerShape>();
        long offset = 0;
        int fanIn = inputs;
        foreach (int fanOut in Hidden.Append(outputs))
        {
            layers.Add(new LayerShape(fanIn, fanOut, offset));
            offset += (long)fanIn * fanOut + fanOut;
            fanIn = fanOut;
        }

        if (offset > int.MaxValue)
        {
            throw new ArgumentException($"a network of {offset} parameters is too large (at most {int.MaxValue})");
        }

        Layers = layers;
        ParameterCount = (int)offset;
    }

    /// <summary>The seed notebook's network: 784 -> 128 -> 10.</summary>
    public static MlpShape Seed { get; } = new(Mnist.Pixels, [128], Mnist.Classes);

    public int Inputs { get; }

    public IReadOnlyList<int> Hidden { get; }

    public int Outputs { get; }

    public IReadOnlyList<LayerShape> Layers { get; }

    public int ParameterCount { get; }

    /// <summary>"784-128-10".</summary>
    public override string ToString() => string.Join('-', Hidden.Prepend(Inputs).Append(Outputs));

    public bool Equals(MlpShape? other) =>
        other is not null && Inputs == other.Inputs && Outputs == other.Outputs && Hidden.SequenceEqual(other.Hidden);

    public override int GetHashCode() => HashCode.Combine(Inputs, Outputs, Hidden.Count);
}

/// <summary>One dense layer: y = x . W + b with W of shape (In x Out), stored at WeightsOffset in the flat parameters.</summary>
public readonly record struct LayerShape(int In, int Out, long WeightsOffset)
{
    public long BiasOffset => WeightsOffset + (long)In * Out;

    public int WeightCount => In * Out;
}
