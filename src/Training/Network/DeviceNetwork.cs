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
/// A training step is <see cref="TrainingStepSequence"/>: one launch of the fused CPU step where the
/// device chose it, else one launch per op (<see cref="SeparateLaunches"/>); nothing is copied to
/// or from the host except by <see cref="ReadParameters"/> and <see cref="WriteParameters"/>.
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
    private readonly bool _fused;
    private StepLayer[]? _layers;
    private uint _layersSeed;
    private MemoryBuffer1D<int, Stride1D.Dense>? _stepTable;
    private bool _stepTableStale;

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
        _fused = device.Ops.ChosenVariant<CpuTrainingStep>() is not null;
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
    public ArrayView<float> Logits(int rows) => _workspace.View.SubView(_layout.OutputOffset(Shape.Layers.Count - 1), (long)rows * Shape.Outputs);

    /// <summary>The batch input the network reads its images from: (rows, Inputs) floats in the workspace, written by <see cref="ReadBatch"/> or by augmentation.</summary>
    public ArrayView<float> Input(int rows)
    {
        CheckRows(rows);
        return _workspace.View.SubView(WorkspaceLayout.InputOffset, (long)rows * Shape.Inputs);
    }

    /// <summary>
    /// Reads rows images from a dataset's bytes into <see cref="Input"/>, scaled to [0, 1]
    /// (<see cref="PixelBatch"/>): batch row r is pixels[pixelRows[r]], or row r of pixels when
    /// pixelRows is empty.
    /// </summary>
    public void ReadBatch(ArrayView<byte> pixels, ArrayView<int> pixelRows, int rows) =>
        (Launches(Input(rows), rows, 0f, _layersSeed) with { Pixels = pixels, PixelRows = pixelRows }).ReadBatch();

    /// <summary>
    /// Runs the network on rows images of <paramref name="input"/> ((rows, Inputs) floats, for
    /// example <see cref="Input"/>). With a dropout rate above zero (training), hidden outputs are
    /// dropped with the mask of (seed, step); rate 0 is inference.
    /// </summary>
    public void Forward(ArrayView<float> input, int rows, float dropoutRate, uint seed, uint step)
    {
        var launches = Launches(input, rows, dropoutRate, seed) with { DrawStep = step };
        TrainingStepSequence.Forward(ref launches, Shape.Layers.Count);
    }

    /// <summary>
    /// Loss, correctness and the gradient of the batch's mean loss for the last forward pass.
    /// losses and correct are (rows) views, for example slices of an epoch's buffers.
    /// </summary>
    public void Loss(ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, int rows) =>
        (Launches(default, rows, 0f, _layersSeed) with { Labels = labels, Losses = losses, Correct = correct }).Loss();

    /// <summary>Back-propagates the gradient left by <see cref="Loss"/> for the forward pass over <paramref name="input"/> into <see cref="Gradients"/>.</summary>
    public void Backward(ArrayView<float> input, int rows, float dropoutRate)
    {
        var launches = Launches(input, rows, dropoutRate, _layersSeed);
        TrainingStepSequence.Backward(ref launches, Shape.Layers.Count);
    }

    /// <summary>One Adam step over every parameter: a single launch, thanks to the flat layout.</summary>
    public void AdamStep(AdamSettings settings)
    {
        AdamSteps++;
        (Launches(default, 1, 0f, _layersSeed) with { AdamSettings = settings, AdamStepNumber = AdamSteps }).Adam();
    }

    /// <summary>
    /// One training step on rows images, read from the dataset's bytes through
    /// <paramref name="pixelRows"/> as <see cref="ReadBatch"/> reads them (or, with pixels empty,
    /// the batch augmentation left in <see cref="Input"/>):
    /// <see cref="TrainingStepSequence"/> (the batch, forward with dropout's mask of (seed, step), the loss into
    /// losses and correct, backward, then Adam with <paramref name="adam"/>). Where the device chose
    /// the fused CPU step (<see cref="DeviceOps.ChosenVariant{T}"/> of <see cref="CpuTrainingStep"/>)
    /// that sequence runs inside one launch; elsewhere as separate launches. Both give the same bits.
    /// </summary>
    public void TrainStep(ArrayView<byte> pixels, ArrayView<int> pixelRows, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, int rows, float dropoutRate, uint seed, uint step, AdamSettings adam)
    {
        var input = Input(rows);
        var launches = Launches(input, rows, dropoutRate, seed) with
        {
            Pixels = pixels, PixelRows = pixelRows, DrawStep = step, Labels = labels, Losses = losses, Correct = correct, AdamSettings = adam, AdamStepNumber = ++AdamSteps,
        };
        if (!_fused)
        {
            TrainingStepSequence.Run(ref launches, Shape.Layers.Count);
            return;
        }

        _device.Ops.CpuTrainingStep.Run(
            _parameters.View, _gradients.View, _adamM.View, _adamV.View, pixels, pixelRows, input, labels, losses, correct,
            _workspace.View, StepTable(), rows, dropoutRate, step, Kernels.AdamStep.From(adam, AdamSteps));
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

    /// <summary>The step's ops as separate launches on this network's buffers, with layer seeds for <paramref name="seed"/>.</summary>
    private SeparateLaunches Launches(ArrayView<float> input, int rows, float dropoutRate, uint seed)
    {
        CheckRows(rows);
        return new SeparateLaunches
        {
            Ops = _device.Ops,
            Layers = Layers(seed),
            Parameters = _parameters.View,
            Gradients = _gradients.View,
            AdamM = _adamM.View,
            AdamV = _adamV.View,
            Workspace = _workspace.View,
            Rows = rows,
            Input = input,
            DropoutRate = dropoutRate,
        };
    }

    /// <summary>The layers with their dropout seeds for <paramref name="seed"/>: derived again only when the seed changes (a run keeps one).</summary>
    private StepLayer[] Layers(uint seed)
    {
        if (_layers is null || seed != _layersSeed)
        {
            _layers = _layout.Layers(seed);
            _layersSeed = seed;
            _stepTableStale = true;
        }

        return _layers;
    }

    /// <summary>The fused step's table of the current layers: uploaded once, again only if the seed changed.</summary>
    private ArrayView<int> StepTable()
    {
        if (_stepTable is null || _stepTableStale)
        {
            _stepTable ??= _device.Accelerator.Allocate1D<int>(SpinBarrier.StateInts + (Shape.Layers.Count * StepLayer.Ints));
            _stepTable.View.CopyFromCPU(WorkspaceLayout.StepTable(_layers!));
            _stepTableStale = false;
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
