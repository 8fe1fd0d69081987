using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Model;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Network;

/// <summary>
/// A multi-layer perceptron living on the device: its flat parameters (see <see cref="MlpShape"/>),
/// their gradients, Adam's moments and the activations of one batch of up to Capacity rows.
/// Forward and backward passes are sequences of kernel launches; nothing is copied to or from
/// the host except by <see cref="ReadParameters"/> and <see cref="WriteParameters"/>.
///
/// Per hidden layer l (x_0 is the input, R rows, read from the dataset's bytes by <see cref="ReadBatch"/>):
///   x_l = dropout(relu(x_{l-1} . W_l + b_l))   (one launch, <see cref="DenseForward"/>; no dropout in inference)
/// and logits = x_{L-1} . W_L + b_L, followed by the fused softmax cross-entropy.
/// Only x_l is kept: it is positive exactly where ReLU passed and dropout kept, so the backward
/// pass takes its ReLU mask from x_l.
/// </summary>
public sealed class DeviceNetwork : IDisposable
{
    private readonly ComputeDevice _device;
    private readonly List<IDisposable> _owned = [];
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _parameters;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _gradients;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _adamM;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _adamV;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _workspace;
    private readonly WorkspaceLayout _layout;
    private MemoryBuffer1D<int, Stride1D.Dense>? _stepTable;
    private uint _stepTableSeed;

    public DeviceNetwork(ComputeDevice device, MlpShape shape, ReadOnlySpan<float> parameters, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException($"{parameters.Length} parameters given for a {shape} network of {shape.ParameterCount}", nameof(parameters));
        }

        _device = device;
        Shape = shape;
        Capacity = capacity;
        _parameters = Allocate(shape.ParameterCount);
        _gradients = Allocate(shape.ParameterCount);
        _adamM = Allocate(shape.ParameterCount);
        _adamV = Allocate(shape.ParameterCount);
        _adamM.MemSetToZero();
        _adamV.MemSetToZero();
        WriteParameters(parameters);

        _layout = new WorkspaceLayout(shape, capacity);
        _workspace = Allocate(_layout.Length);
    }

    public MlpShape Shape { get; }

    /// <summary>The most rows one forward or backward pass takes.</summary>
    public int Capacity { get; }

    /// <summary>The number of Adam steps taken so far (the t of its bias correction).</summary>
    public int AdamSteps { get; private set; }

    public ArrayView<float> Parameters => _parameters.View;

    public ArrayView<float> Gradients => _gradients.View;

    /// <summary>Adam's first moments (m), one per parameter: read and restored by training checkpoints.</summary>
    public ArrayView<float> AdamFirstMoments => _adamM.View;

    /// <summary>Adam's second moments (v), one per parameter: read and restored by training checkpoints.</summary>
    public ArrayView<float> AdamSecondMoments => _adamV.View;

    /// <summary>The logits of the last forward pass, (rows, Outputs).</summary>
    public ArrayView<float> Logits(int rows) => Region(_layout.OutputOffset(Shape.Layers.Count - 1), rows, Shape.Outputs);

    /// <summary>The batch input the network reads its images from: (rows, Inputs) floats in the workspace, written by <see cref="ReadBatch"/> or by augmentation.</summary>
    public ArrayView<float> Input(int rows)
    {
        CheckRows(rows);
        return Region(WorkspaceLayout.InputOffset, rows, Shape.Inputs);
    }

    /// <summary>
    /// Reads rows images from a dataset's bytes into <see cref="Input"/>, scaled to [0, 1]
    /// (<see cref="PixelBatch"/>): batch row r is pixels[pixelRows[r]], or row r of pixels when
    /// pixelRows is empty.
    /// </summary>
    public void ReadBatch(ArrayView<byte> pixels, ArrayView<int> pixelRows, int rows) =>
        _device.Ops.PixelBatch.Run(pixels, pixelRows, Input(rows), rows, Shape.Inputs);

    /// <summary>
    /// Runs the network on rows images of <paramref name="input"/> ((rows, Inputs) floats, for
    /// example <see cref="Input"/>). With a dropout rate above zero (training), hidden outputs are
    /// dropped with the mask of (seed, step); rate 0 is inference.
    /// </summary>
    public void Forward(ArrayView<float> input, int rows, float dropoutRate, uint seed, uint step)
    {
        CheckRows(rows);
        var ops = _device.Ops;
        var x = input;
        for (int l = 0; l < Shape.Layers.Count; l++)
        {
            var layer = Shape.Layers[l];
            bool hidden = l < Shape.Hidden.Count;
            var output = Region(_layout.OutputOffset(l), rows, layer.Out);
            var dropout = new DropoutSettings(hidden ? dropoutRate : 0f, LayerDropoutSeed.Of(seed, l), step);
            ops.DenseForward.Run(x, default, Weights(_parameters, layer), Bias(_parameters, layer), output, rows, layer.In, layer.Out, hidden ? Activation.Relu : Activation.None, dropout);
            x = output;
        }
    }

    /// <summary>
    /// Loss, correctness and the gradient of the batch's mean loss for the last forward pass.
    /// losses and correct are (rows) views, for example slices of an epoch's buffers.
    /// </summary>
    public void Loss(ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, int rows)
    {
        CheckRows(rows);
        _device.Ops.SoftmaxCrossEntropy.Run(Logits(rows), labels, losses, correct, LogitGradient(rows), rows, Shape.Outputs);
    }

    /// <summary>Back-propagates the gradient left by <see cref="Loss"/> for the forward pass over <paramref name="input"/> into <see cref="Gradients"/>.</summary>
    public void Backward(ArrayView<float> input, int rows, float dropoutRate)
    {
        CheckRows(rows);
        var ops = _device.Ops;
        var upstream = LogitGradient(rows);
        for (int l = Shape.Layers.Count - 1; l >= 0; l--)
        {
            var layer = Shape.Layers[l];
            var layerInput = l == 0 ? input : LayerOutput(l - 1, rows);
            ops.WeightGradient.Run(layerInput, default, upstream, LayerGradients(_gradients, layer), rows, layer.In, layer.Out);
            if (l == 0)
            {
                break;
            }

            // Into the previous hidden layer: through W^T, dropout and ReLU in one launch.
            int width = Shape.Hidden[l - 1];
            var preActivation = Region(_layout.OutputGradientOffset(l - 1), rows, width);
            ops.InputGradient.Run(upstream, Weights(_parameters, layer), LayerOutput(l - 1, rows), preActivation, rows, layer.Out, width, dropoutRate);
            upstream = preActivation;
        }
    }

    /// <summary>
    /// One training step on rows images: the batch read from the dataset's bytes through
    /// <paramref name="pixelRows"/> as <see cref="ReadBatch"/> reads it (or, with pixels empty,
    /// the batch augmentation left in <see cref="Input"/>), forward with dropout's mask of
    /// (seed, step), the loss into losses and correct, backward, then Adam with
    /// <paramref name="adam"/>. Where the CPU-only SIMD kernels run (<see cref="DeviceOps.Simd"/>)
    /// this is one launch of <see cref="CpuTrainingStep"/>; elsewhere the separate launches. Both
    /// give the same bits.
    /// </summary>
    public void TrainStep(ArrayView<byte> pixels, ArrayView<int> pixelRows, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, int rows, float dropoutRate, uint seed, uint step, AdamSettings adam)
    {
        var input = Input(rows);
        if (_device.Ops.Simd is not { } width)
        {
            if (pixels.Length != 0)
            {
                ReadBatch(pixels, pixelRows, rows);
            }

            Forward(input, rows, dropoutRate, seed, step);
            Loss(labels, losses, correct, rows);
            Backward(input, rows, dropoutRate);
            AdamStep(adam);
            return;
        }

        AdamSteps++;
        _device.Ops.CpuTrainingStep.Run(
            _parameters.View, _gradients.View, _adamM.View, _adamV.View, pixels, pixelRows, input, labels, losses, correct,
            _workspace.View, StepTable(seed), rows, dropoutRate, step, Kernels.AdamStep.From(adam, AdamSteps), width);
    }

    /// <summary>One Adam step over every parameter: a single launch, thanks to the flat layout.</summary>
    public void AdamStep(AdamSettings settings)
    {
        AdamSteps++;
        _device.Ops.Adam.Run(_parameters.View, _gradients.View, _adamM.View, _adamV.View, Shape.ParameterCount, settings, AdamSteps);
    }

    /// <summary>Sets the step count a checkpoint recorded, so bias correction and dropout masks continue from it.</summary>
    public void RestoreAdamSteps(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        AdamSteps = steps;
    }

    public float[] ReadParameters() => _parameters.GetAsArray1D();

    public void WriteParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != Shape.ParameterCount)
        {
            throw new ArgumentException($"expected {Shape.ParameterCount} parameters, got {parameters.Length}", nameof(parameters));
        }

        Parameters.CopyFromCPU(parameters);
    }

    public void Dispose()
    {
        foreach (var buffer in _owned)
        {
            buffer.Dispose();
        }

        _stepTable?.Dispose();
        _stepTable = null;

        _owned.Clear();
    }

    private static ArrayView<float> Weights(MemoryBuffer1D<float, Stride1D.Dense> flat, LayerShape layer) =>
        flat.View.SubView(layer.WeightsOffset, layer.WeightCount);

    /// <summary>A layer's weight gradients followed by its bias gradients: (In + 1) x Out, as the flat layout stores them.</summary>
    private static ArrayView<float> LayerGradients(MemoryBuffer1D<float, Stride1D.Dense> flat, LayerShape layer) =>
        flat.View.SubView(layer.WeightsOffset, (long)(layer.In + 1) * layer.Out);

    private static ArrayView<float> Bias(MemoryBuffer1D<float, Stride1D.Dense> flat, LayerShape layer) =>
        flat.View.SubView(layer.BiasOffset, layer.Out);

    /// <summary>The first rows x width floats of the workspace region at offset.</summary>
    private ArrayView<float> Region(long offset, int rows, int width) =>
        _workspace.View.SubView(offset, (long)rows * width);

    private ArrayView<float> LogitGradient(int rows) =>
        Region(_layout.OutputGradientOffset(Shape.Layers.Count - 1), rows, Shape.Outputs);

    private ArrayView<float> LayerOutput(int hiddenLayer, int rows) =>
        Region(_layout.OutputOffset(hiddenLayer), rows, Shape.Hidden[hiddenLayer]);

    /// <summary>The fused step's table for dropout seed <paramref name="seed"/>: uploaded once, again only if the seed changes.</summary>
    private ArrayView<int> StepTable(uint seed)
    {
        if (_stepTable is null || seed != _stepTableSeed)
        {
            _stepTable ??= _device.Accelerator.Allocate1D<int>(SpinBarrier.StateInts + (Shape.Layers.Count * StepLayer.Ints));
            _stepTable.View.CopyFromCPU(_layout.StepTable(seed));
            _stepTableSeed = seed;
        }

        return _stepTable.View;
    }

    private void CheckRows(int rows)
    {
        if (rows < 1 || rows > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must be in [1, {Capacity}]");
        }
    }

    private MemoryBuffer1D<float, Stride1D.Dense> Allocate(long length)
    {
        var buffer = _device.Accelerator.Allocate1D<float>(Math.Max(1, length));
        _owned.Add(buffer);
        return buffer;
    }
}
