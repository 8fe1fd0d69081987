using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
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
    private SimdWidth? _simd;
    private int _nestedLoads;

    internal DeviceOps(Accelerator accelerator, DeviceCounters counters)
    {
        Accelerator = accelerator;
        Counters = counters;
        _simd = accelerator.AcceleratorType == AcceleratorType.CPU ? CpuKernelChoice.FromEnvironment() : null;
    }

    /// <summary>
    /// The vector width of the CPU-only SIMD kernels the launchers run instead of the portable
    /// ones; null runs the portable kernels. On the CPU accelerator it starts at the widest width
    /// the hardware accelerates (or what <see cref="CpuKernelChoice"/> reads from the environment);
    /// everywhere else it is null and cannot be set (see <see cref="CpuOnly"/>).
    /// Tests and benchmarks set it to compare the variants and to force narrower widths.
    /// </summary>
    public SimdWidth? Simd
    {
        get => _simd;
        set
        {
            if (value is not null)
            {
                CpuOnly.Require(Accelerator, "a SIMD width");
            }

            _simd = value;
        }
    }

    public SoftmaxCrossEntropy SoftmaxCrossEntropy => Get<SoftmaxCrossEntropy>();

    public Adam Adam => Get<Adam>();

    public MetricSums MetricSums => Get<MetricSums>();

    public Gather Gather => Get<Gather>();

    /// <summary>A batch of images read from a dataset's bytes into floats in [0, 1].</summary>
    public PixelBatch PixelBatch => Get<PixelBatch>();

    /// <summary>CPU-only PixelBatch over raw pointers, the same bits.</summary>
    public PixelBatchSimd PixelBatchSimd => Get<PixelBatchSimd>();

    public DenseForward DenseForward => Get<DenseForward>();

    /// <summary>DenseForward with shared-memory tiles: what <see cref="DenseForward"/> runs on a GPU; throws where groups cannot hold a tile.</summary>
    public DenseForwardTiled DenseForwardTiled => Get<DenseForwardTiled>();

    /// <summary>A dense layer's weight and bias gradients in one launch.</summary>
    public WeightGradient WeightGradient => Get<WeightGradient>();

    /// <summary>WeightGradient with shared-memory tiles: what <see cref="WeightGradient"/> runs on a GPU; throws where groups cannot hold a tile.</summary>
    public WeightGradientTiled WeightGradientTiled => Get<WeightGradientTiled>();

    /// <summary>CPU-only DenseForward: SIMD over raw pointers, the same bits.</summary>
    public DenseForwardSimd DenseForwardSimd => Get<DenseForwardSimd>();

    /// <summary>CPU-only WeightGradient: SIMD over raw pointers, the same bits.</summary>
    public WeightGradientSimd WeightGradientSimd => Get<WeightGradientSimd>();

    /// <summary>CPU-only InputGradient: SIMD over raw pointers, the same bits.</summary>
    public InputGradientSimd InputGradientSimd => Get<InputGradientSimd>();

    /// <summary>CPU-only SoftmaxCrossEntropy over raw pointers, the same bits.</summary>
    public SoftmaxCrossEntropySimd SoftmaxCrossEntropySimd => Get<SoftmaxCrossEntropySimd>();

    /// <summary>CPU-only Adam: SIMD over raw pointers, the same bits.</summary>
    public AdamSimd AdamSimd => Get<AdamSimd>();

    /// <summary>CPU-only: a whole training step in one launch, the same bits as the separate ops.</summary>
    public CpuTrainingStep CpuTrainingStep => Get<CpuTrainingStep>();

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
                op = Compiling(() => T.Load(this));
                _loaded.Add(typeof(T), op);
            }

            return (T)op;
        }
    }

    /// <summary>
    /// An op's portable kernel: compiled now where it is what the op launches (no tile kernel
    /// replaces it, <paramref name="replaced"/>, and no CPU-only SIMD variant, <see cref="Simd"/>),
    /// else on first use, so that a CPU running the SIMD variants never compiles it. Either way its
    /// time counts as compilation.
    /// </summary>
    internal Lazy<TKernel> PortableKernel<TKernel>(Func<TKernel> load, bool replaced)
    {
        var kernel = new Lazy<TKernel>(() => Compiling(load));
        if (!replaced && Simd is null)
        {
            _ = kernel.Value;
        }

        return kernel;
    }

    /// <summary>Runs a load (loading a kernel compiles it) and adds its time to the counters, once however deeply loads nest (an op loading its tile variant).</summary>
    private TResult Compiling<TResult>(Func<TResult> load)
    {
        lock (_loaded)
        {
            if (_nestedLoads++ > 0)
            {
                try
                {
                    return load();
                }
                finally
                {
                    _nestedLoads--;
                }
            }

            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                return load();
            }
            finally
            {
                _nestedLoads--;
                Counters.Compiled(System.Diagnostics.Stopwatch.GetTimestamp() - start);
            }
        }
    }

    /// <summary>Counts a launch over <paramref name="items"/> work items, made after its arguments were checked, and says how to split them among threads.</summary>
    internal WorkSplit Launching(long items)
    {
        Counters.Launched();
        return WorkSplit.For(Accelerator, items);
    }

    /// <summary>Counts a launch of a CPU-only kernel, which takes every thread of the CPU accelerator.</summary>
    internal SimdLaunch LaunchingCpuOnly(SimdWidth width)
    {
        Counters.Launched();
        return CpuOnly.Launch(Accelerator, width);
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
