using Handwriting.Kernels;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Model;

namespace Handwriting.Training.Network;

/// <summary>
/// Where a <see cref="DeviceNetwork"/> keeps one batch's activations in its single workspace
/// buffer: first the batch's input (capacity x In, the images as floats, which
/// <see cref="PixelBatch"/> reads from the dataset's bytes), then per layer its output
/// (capacity x Out) and the gradient of the loss with respect to it before activation, the
/// logits layer last. One buffer rather than one per array, so that the
/// fused CPU step (<see cref="CpuTrainingStep"/>) finds them all through offsets in its table.
/// Each region starts on a multiple of 16 floats: a 64-byte cache line, and Float4-aligned for the
/// portable kernels' vector path.
/// </summary>
internal sealed class WorkspaceLayout
{
    private const int Alignment = 16;
    private readonly MlpShape _shape;
    private readonly long[] _outputs;
    private readonly long[] _gradients;

    public WorkspaceLayout(MlpShape shape, int capacity)
    {
        _shape = shape;
        int layers = shape.Layers.Count;
        _outputs = new long[layers];
        _gradients = new long[layers];
        long next = Aligned((long)capacity * shape.Inputs);
        for (int l = 0; l < layers; l++)
        {
            long size = Aligned((long)capacity * shape.Layers[l].Out);
            _outputs[l] = next;
            _gradients[l] = next + size;
            next += 2 * size;
        }

        Length = next;
    }

    /// <summary>Floats in the workspace.</summary>
    public long Length { get; }

    /// <summary>The batch's input, (capacity, In) floats, starts at offset 0.</summary>
    public static long InputOffset => 0;

    public long OutputOffset(int layer) => _outputs[layer];

    public long OutputGradientOffset(int layer) => _gradients[layer];

    /// <summary>
    /// Every layer as a training step sees it: its shape, where its parameters, output and output
    /// gradient sit, and its dropout seed (<see cref="DropoutSeeds.OfLayer"/>). The separate launches
    /// read these; the fused step reads the same entries from <see cref="StepTable"/>.
    /// </summary>
    public StepLayer[] Layers(uint dropoutSeed)
    {
        var layers = new StepLayer[_shape.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = _shape.Layers[l];
            layers[l] = new StepLayer(layer.In, layer.Out, checked((int)layer.WeightsOffset), checked((int)layer.BiasOffset), checked((int)_outputs[l]), checked((int)_gradients[l]), DropoutSeeds.OfLayer(dropoutSeed, l));
        }

        return layers;
    }

    /// <summary>The fused step's table: zeroed barrier state, then <paramref name="layers"/> (from <see cref="Layers"/>).</summary>
    public static int[] StepTable(StepLayer[] layers)
    {
        var table = new int[SpinBarrier.StateInts + (layers.Length * StepLayer.Ints)];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l].WriteTo(table.AsSpan(SpinBarrier.StateInts + (l * StepLayer.Ints)));
        }

        return table;
    }

    private static long Aligned(long floats) => (floats + Alignment - 1) / Alignment * Alignment;
}
