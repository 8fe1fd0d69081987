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
    private readonly ArrayView<float> _parameters;
    private readonly ArrayView<float> _gradients;
    private readonly ArrayView<float> _adamM;
    private readonly ArrayView<float> _adamV;
    private readonly ArrayView<float> _workspace;
    private readonly WorkspaceLayout _layout;
    private readonly bool _fused;
    private StepLayer[]? _layers;
    private uint _layersSeed;
    private MemoryBuffer1D<int, Stride1D.Dense>? _stepTable;
    private MemoryBuffer1D<Kernels.AdamStep, Stride1D.Dense>? _adamSteps;
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

    public ArrayView<float> Parameters => _parameters;

    public ArrayView<float> Gradients => _gradients;

    /// <summary>Adam's first moments (m), one per parameter: read and restored by training checkpoints.</summary>
    public ArrayView<float> AdamFirstMoments => _adamM;

    /// <summary>Adam's second moments (v), one per parameter: read and restored by training checkpoints.</summary>
    public ArrayView<float> AdamSecondMoments => _adamV;

    /// <summary>The logits of the last forward pass, (rows, Outputs).</summary>
    public ArrayView<float> Logits(int rows) => _workspace.SubView(_layout.OutputOffset(Shape.Layers.Count - 1), (long)rows * Shape.Outputs);

    /// <summary>The batch input the network reads its images from: (rows, Inputs) floats in the workspace, written by <see cref="ReadBatch"/> or by augmentation.</summary>
    public ArrayView<float> Input(int rows)
    {
        CheckRows(rows);
        return _workspace.SubView(WorkspaceLayout.InputOffset, (long)rows * Shape.Inputs);
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
    public void TrainStep(ArrayView<byte> pixels, ArrayView<int> pixelRows, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, int rows, float dropoutRate, uint seed, uint step, AdamSettings adam) =>
        TrainSteps(pixels, pixelRows, labels, losses, correct, rows, dropoutRate, seed, step, [adam]);

    /// <summary>
    /// adam.Length steps of <see cref="TrainStep"/> in a row, step s on the rows images at s * rows
    /// of <paramref name="pixelRows"/> (or of the dataset, where pixelRows is empty) and
    /// <paramref name="labels"/>, writing at s * rows of <paramref name="losses"/> and
    /// <paramref name="correct"/>, drawing dropout's mask for <paramref name="firstStep"/> + s and
    /// taking Adam's settings adam[s]. The fused CPU step takes up to
    /// <see cref="StepsPerLaunch"/> of them in one launch; the bits are those of one call per step.
    /// With pixels empty (the batch in <see cref="Input"/>), one step only.
    /// </summary>
    public void TrainSteps(ArrayView<byte> pixels, ArrayView<int> pixelRows, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, int rows, float dropoutRate, uint seed, uint firstStep, ReadOnlySpan<AdamSettings> adam)
    {
        var input = Input(rows);
        if (pixels.Length == 0 && adam.Length != 1)
        {
            throw new ArgumentException($"steps that read their batch from the input (pixels empty) are taken one step a call, not {adam.Length}", nameof(adam));
        }

        for (int done = 0; done < adam.Length;)
        {
            int steps = _fused ? Math.Min(StepsPerLaunch, adam.Length - done) : 1;
            var (first, images) = ((long)done * rows, (long)steps * rows);
            // Without row indices the steps read consecutive rows of the dataset.
            var batches = pixels.Length == 0 || pixelRows.Length != 0 ? pixels : pixels.SubView(first * Shape.Inputs, images * Shape.Inputs);
            var batchRows = pixelRows.Length == 0 ? pixelRows : pixelRows.SubView(first, images);
            uint drawStep = unchecked(firstStep + (uint)done);
            if (_fused)
            {
                var adamSteps = AdamStepsFor(adam.Slice(done, steps));
                _device.Ops.CpuTrainingStep.Run(
                    _parameters, _gradients, _adamM, _adamV, batches, batchRows, input, labels.SubView(first, images), losses.SubView(first, images), correct.SubView(first, images),
                    _workspace, StepTable(seed), rows, steps, dropoutRate, drawStep, adamSteps);
            }
            else
            {
                var launches = Launches(input, rows, dropoutRate, seed) with
                {
                    Pixels = batches, PixelRows = batchRows, DrawStep = drawStep, Labels = labels.SubView(first, rows), Losses = losses.SubView(first, rows), Correct = correct.SubView(first, rows),
                    AdamSettings = adam[done], AdamStepNumber = ++AdamSteps,
                };
                TrainingStepSequence.Run(ref launches, Shape.Layers.Count);
            }

            done += steps;
        }
    }

    /// <summary>
    /// The most steps one launch of the fused CPU step takes (the trainer's divergence check's span):
    /// enough that the launch (tens of microseconds, and the wake-up of the accelerator's threads)
    /// no longer counts, few enough that Ctrl+C and a progress report wait for at most this many steps.
    /// </summary>
    public const int StepsPerLaunch = 64;

    /// <summary>Adam's per-step settings for the next steps (bias correction from the step count on), uploaded for one launch.</summary>
    private ArrayView<Kernels.AdamStep> AdamStepsFor(ReadOnlySpan<AdamSettings> adam)
    {
        _adamSteps ??= _device.Accelerator.Allocate1D<Kernels.AdamStep>(StepsPerLaunch);
        Span<Kernels.AdamStep> values = stackalloc Kernels.AdamStep[adam.Length];
        for (int s = 0; s < adam.Length; s++)
        {
            values[s] = Kernels.AdamStep.From(adam[s], ++AdamSteps);
        }

        ArrayView<Kernels.AdamStep> view = _adamSteps.View.SubView(0, adam.Length);
        view.CopyFromCPU(values);
        return view;
    }

    /// <summary>Sets the step count a checkpoint recorded, so bias correction and dropout masks continue from it.</summary>
    public void RestoreAdamSteps(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        AdamSteps = steps;
    }

    public float[] ReadParameters() => _parameters.GetAsArray();

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
        _adamSteps?.Dispose();
        _adamSteps = null;

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
            Parameters = _parameters,
            Gradients = _gradients,
            AdamM = _adamM,
            AdamV = _adamV,
            Workspace = _workspace,
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

    /// <summary>The fused step's table of the layers for <paramref name="seed"/>: uploaded once, again only if the seed changed.</summary>
    private ArrayView<int> StepTable(uint seed)
    {
        _ = Layers(seed);
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

    /// <summary>A buffer of the network's, on a cache line for the SIMD bodies (<see cref="CacheLineBuffer{T}"/>).</summary>
    private ArrayView<float> Allocate(long length)
    {
        var buffer = new CacheLineBuffer<float>(_device.Accelerator, Math.Max(1, length));
        _owned.Add(buffer);
        return buffer.View;
    }
}
