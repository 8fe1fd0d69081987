namespace Handwriting.Kernels;

/// <summary>
/// One dense layer as the fused CPU training step sees it, stored as <see cref="Ints"/> ints per
/// layer in the step's table (after the barrier's state): its shape, where its weights and bias
/// sit in the flat parameters (and gradients), where its output and the gradient of the loss with
/// respect to its output (before activation) sit in the workspace, and its dropout seed.
/// The last layer is the logits layer; every other is Dense + ReLU + dropout.
/// </summary>
public readonly record struct StepLayer(int In, int Out, int WeightsOffset, int BiasOffset, int OutputOffset, int OutputGradientOffset, uint DropoutSeed)
{
    public const int Ints = 7;

    public void WriteTo(Span<int> table)
    {
        table[0] = In;
        table[1] = Out;
        table[2] = WeightsOffset;
        table[3] = BiasOffset;
        table[4] = OutputOffset;
        table[5] = OutputGradientOffset;
        table[6] = unchecked((int)DropoutSeed);
    }

    public static unsafe StepLayer ReadFrom(int* table) =>
        new(table[0], table[1], table[2], table[3], table[4], table[5], unchecked((uint)table[6]));
}
