using Handwriting.Kernels.Devices;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The ops of one accelerator. Loading compiles, so each op is loaded on first use and then
/// reused for the life of the device; any <see cref="IDeviceOp{TSelf}"/> loads through
/// <see cref="Get{T}"/>, and the properties below only name the ones the trainer runs.
/// Every launch goes through <see cref="Launching"/>, which counts it and splits its work;
/// the time each load takes is summed in <see cref="DeviceCounters.CompileSeconds"/>.
/// </summary>
public sealed class DeviceOps : IDisposable
{
    private readonly Dictionary<Type, object> _loaded = [];

    internal DeviceOps(Accelerator accelerator, DeviceCounters counters)
    {
        Accelerator = accelerator;
        Counters = counters;
    }

    public SoftmaxCrossEntropy SoftmaxCrossEntropy => Get<SoftmaxCrossEntropy>();

    public Adam Adam => Get<Adam>();

    public MetricSums MetricSums => Get<MetricSums>();

    public Gather Gather => Get<Gather>();

    public DenseForward DenseForward => Get<DenseForward>();

    /// <summary>DenseForward with shared-memory tiles: what <see cref="DenseForward"/> runs on a GPU; throws where groups cannot hold a tile.</summary>
    public DenseForwardTiled DenseForwardTiled => Get<DenseForwardTiled>();

    /// <summary>A dense layer's weight and bias gradients in one launch.</summary>
    public WeightGradient WeightGradient => Get<WeightGradient>();

    /// <summary>WeightGradient with shared-memory tiles: what <see cref="WeightGradient"/> runs on a GPU; throws where groups cannot hold a tile.</summary>
    public WeightGradientTiled WeightGradientTiled => Get<WeightGradientTiled>();

    /// <summary>The gradient into a hidden layer, through W^T, dropout and ReLU, in one launch.</summary>
    public InputGradient InputGradient => Get<InputGradient>();

    /// <summary>Gathers a training batch through a random affine (and optionally elastic) distortion per image.</summary>
    public Augment Augment => Get<Augment>();

    internal Accelerator Accelerator { get; }

    internal DeviceCounters Counters { get; }

    /// <summary>The op of type T on this device, loaded (compiled) on first use.</summary>
    internal T Get<T>()
        where T : class, IDeviceOp<T>
    {
        lock (_loaded)
        {
            if (!_loaded.TryGetValue(typeof(T), out object? op))
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                op = T.Load(this);
                Counters.Compiled(System.Diagnostics.Stopwatch.GetTimestamp() - start);
                _loaded.Add(typeof(T), op);
            }

            return (T)op;
        }
    }

    /// <summary>Counts a launch over <paramref name="items"/> work items, made after its arguments were checked, and says how to split them among threads.</summary>
    internal WorkSplit Launching(long items)
    {
        Counters.Launched();
        return WorkSplit.For(Accelerator, items);
    }

    public void Dispose()
    {
        lock (_loaded)
        {
            foreach (var op in _loaded.Values.OfType<IDisposable>())
            {
                op.Dispose();
            }

            _loaded.Clear();
        }
    }
}
