using Handwriting.Kernels.Devices;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Every kernel of a training step, loaded on one accelerator. Loading compiles, so each op is
/// created on first use and then reused for the life of the device.
/// </summary>
public sealed class DeviceOps : IDisposable
{
    private readonly Lazy<SoftmaxCrossEntropy> _softmaxCrossEntropy;
    private readonly Lazy<Adam> _adam;
    private readonly Lazy<MetricSums> _metricSums;
    private readonly Lazy<Gather> _gather;
    private readonly Lazy<DenseForward> _denseForward;
    private readonly Lazy<DenseForwardTiled> _denseForwardTiled;
    private readonly Lazy<WeightGradient> _weightGradient;
    private readonly Lazy<WeightGradientTiled> _weightGradientTiled;
    private readonly Lazy<InputGradient> _inputGradient;
    private readonly Lazy<Augment> _augment;

    internal DeviceOps(Accelerator accelerator, DeviceCounters counters)
    {
        _softmaxCrossEntropy = new(() => new SoftmaxCrossEntropy(accelerator, counters));
        _adam = new(() => new Adam(accelerator, counters));
        _metricSums = new(() => new MetricSums(accelerator, counters));
        _gather = new(() => new Gather(accelerator, counters));
        _denseForwardTiled = new(() => new DenseForwardTiled(accelerator, counters));
        _denseForward = new(() => new DenseForward(accelerator, counters, () => _denseForwardTiled.Value));
        _weightGradientTiled = new(() => new WeightGradientTiled(accelerator, counters));
        _weightGradient = new(() => new WeightGradient(accelerator, counters, () => _weightGradientTiled.Value));
        _inputGradient = new(() => new InputGradient(accelerator, counters));
        _augment = new(() => new Augment(accelerator, counters));
    }

    public SoftmaxCrossEntropy SoftmaxCrossEntropy => _softmaxCrossEntropy.Value;

    public Adam Adam => _adam.Value;

    public MetricSums MetricSums => _metricSums.Value;

    public Gather Gather => _gather.Value;

    public DenseForward DenseForward => _denseForward.Value;

    /// <summary>DenseForward with shared-memory tiles: what <see cref="DenseForward"/> runs on a GPU; throws where groups cannot hold a tile.</summary>
    public DenseForwardTiled DenseForwardTiled => _denseForwardTiled.Value;

    /// <summary>A dense layer's weight and bias gradients in one launch.</summary>
    public WeightGradient WeightGradient => _weightGradient.Value;

    /// <summary>WeightGradient with shared-memory tiles: what <see cref="WeightGradient"/> runs on a GPU; throws where groups cannot hold a tile.</summary>
    public WeightGradientTiled WeightGradientTiled => _weightGradientTiled.Value;

    /// <summary>The gradient into a hidden layer, through W^T, dropout and ReLU, in one launch.</summary>
    public InputGradient InputGradient => _inputGradient.Value;

    /// <summary>Gathers a training batch through a random affine (and optionally elastic) distortion per image.</summary>
    public Augment Augment => _augment.Value;

    public void Dispose()
    {
        if (_metricSums.IsValueCreated)
        {
            _metricSums.Value.Dispose();
        }
    }
}
