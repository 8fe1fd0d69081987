using Handwriting.Kernels;
using ILGPU;

namespace Handwriting.Training.Network;

/// <summary>
/// A training step's ops as one launch each of the device's chosen variants (tiles on a GPU, the
/// portable kernels where forced): what <see cref="DeviceNetwork"/> runs through
/// <see cref="TrainingStepSequence"/> wherever the fused CPU step does not. The layers' buffers are
/// regions of the network's flat parameters and workspace, located by <see cref="StepLayer"/>s.
/// Barrier does nothing: the device runs launches in order.
/// </summary>
internal readonly struct SeparateLaunches : ITrainingStepOps
{
    public required DeviceOps Ops { get; init; }

    public required StepLayer[] Layers { get; init; }

    public required ArrayView<float> Parameters { get; init; }

    public required ArrayView<float> Gradients { get; init; }

    public required ArrayView<float> AdamM { get; init; }

    public required ArrayView<float> AdamV { get; init; }

    public required ArrayView<float> Workspace { get; init; }

    public required int Rows { get; init; }

    /// <summary>Layer 0's batch, (Rows, In) floats.</summary>
    public ArrayView<float> Input { get; init; }

    /// <summary>The dataset's pixel bytes ReadBatch reads the batch from, through PixelRows where it is not empty; empty where Input holds the batch already.</summary>
    public ArrayView<byte> Pixels { get; init; }

    public ArrayView<int> PixelRows { get; init; }

    public float DropoutRate { get; init; }

    /// <summary>The step dropout's mask is drawn for.</summary>
    public uint DrawStep { get; init; }

    public ArrayView<int> Labels { get; init; }

    public ArrayView<float> Losses { get; init; }

    public ArrayView<float> Correct { get; init; }

    public AdamSettings AdamSettings { get; init; }

    /// <summary>Adam's step t (1-based) for its bias correction.</summary>
    public int AdamStepNumber { get; init; }

    public void ReadBatch()
    {
        if (Pixels.Length != 0)
        {
            Ops.PixelBatch.Run(Pixels, PixelRows, Input, Rows, Layers[0].In);
        }
    }

    public void Forward(int layer)
    {
        var l = Layers[layer];
        bool hidden = layer < Layers.Length - 1;
        var dropout = new DropoutSettings(hidden ? DropoutRate : 0f, l.DropoutSeed, DrawStep);
        Ops.DenseForward.Run(LayerInput(layer), default, Weights(l), Parameters.SubView(l.BiasOffset, l.Out), Output(l), Rows, l.In, l.Out, hidden ? Activation.Relu : Activation.None, dropout);
    }

    public void Loss()
    {
        var logits = Layers[^1];
        Ops.SoftmaxCrossEntropy.Run(Output(logits), Labels, Losses, Correct, OutputGradient(logits), Rows, logits.Out);
    }

    /// <summary>Into the layer's weight gradients followed by its bias gradients: (In + 1) x Out, as the flat layout stores them.</summary>
    public void WeightGradient(int layer)
    {
        var l = Layers[layer];
        Ops.WeightGradient.Run(LayerInput(layer), default, OutputGradient(l), Gradients.SubView(l.WeightsOffset, (long)(l.In + 1) * l.Out), Rows, l.In, l.Out);
    }

    public void InputGradient(int layer)
    {
        var l = Layers[layer];
        var below = Layers[layer - 1];
        Ops.InputGradient.Run(OutputGradient(l), Weights(l), Output(below), OutputGradient(below), Rows, l.Out, l.In, DropoutRate);
    }

    /// <summary>One launch over every parameter, thanks to the flat layout.</summary>
    public void Adam() => Ops.Adam.Run(Parameters, Gradients, AdamM, AdamV, (int)Parameters.Length, AdamSettings, AdamStepNumber);

    public void Barrier()
    {
    }

    private ArrayView<float> LayerInput(int layer) => layer == 0 ? Input : Output(Layers[layer - 1]);

    private ArrayView<float> Weights(StepLayer l) => Parameters.SubView(l.WeightsOffset, (long)l.In * l.Out);

    private ArrayView<float> Output(StepLayer l) => Workspace.SubView(l.OutputOffset, (long)Rows * l.Out);

    private ArrayView<float> OutputGradient(StepLayer l) => Workspace.SubView(l.OutputGradientOffset, (long)Rows * l.Out);
}
