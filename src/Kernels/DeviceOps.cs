using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The ops of one accelerator. Loading compiles, so each op is loaded on first use, at the variant
/// <see cref="VariantRule"/> picks for this device, and then reused for the life of the device; any
/// <see cref="IDeviceOp{TSelf}"/> loads through <see cref="Get{T}"/>, and the properties below only
/// name the ones the trainer runs. Tests, benchmarks and `check` load a named variant through
/// <see cref="Variant{T}"/>; nothing changes what an op already loaded launches.
/// Every launch goes through <see cref="Launching"/> or <see cref="LaunchingCpuOnly"/>, which count
/// it; the time each load takes is summed in <see cref="DeviceCounters.CompileSeconds"/>.
/// </summary>
public sealed class DeviceOps : IDisposable
{
    private readonly Dictionary<(Type Op, KernelVariant Variant), object> _loaded = [];

    internal DeviceOps(Accelerator accelerator, DeviceCounters counters, KernelVariant? forced)
    {
        Accelerator = accelerator;
        Counters = counters;
        Forced = forced;
    }

    /// <summary>
    /// The variant this device was opened with for every op that has it (see
    /// <see cref="ComputeDevice.Open"/>; HANDWRITING_CPU_KERNELS on the CPU accelerator); null
    /// where <see cref="VariantRule"/> chooses.
    /// </summary>
    public KernelVariant? Forced { get; }

    public SoftmaxCrossEntropy SoftmaxCrossEntropy => Get<SoftmaxCrossEntropy>();

    public Adam Adam => Get<Adam>();

    public MetricSums MetricSums => Get<MetricSums>();

    public Gather Gather => Get<Gather>();

    /// <summary>A batch of images read from a dataset's bytes into floats in [0, 1].</summary>
    public PixelBatch PixelBatch => Get<PixelBatch>();

    public DenseForward DenseForward => Get<DenseForward>();

    /// <summary>A dense layer's weight and bias gradients in one launch.</summary>
    public WeightGradient WeightGradient => Get<WeightGradient>();

    /// <summary>The gradient into a hidden layer, through W^T, dropout and ReLU, in one launch.</summary>
    public InputGradient InputGradient => Get<InputGradient>();

    /// <summary>Gathers a training batch through a random affine (and optionally elastic) distortion per image.</summary>
    public Augment Augment => Get<Augment>();

    /// <summary>CPU-only: a whole training step in one launch; throws where it has no variant (<see cref="ChosenVariant{T}"/> is null).</summary>
    public CpuTrainingStep CpuTrainingStep => Get<CpuTrainingStep>();

    internal Accelerator Accelerator { get; }

    internal DeviceCounters Counters { get; }

    /// <summary>The variant <see cref="VariantRule"/> gives op T on this device, or null where T has none (the fused CPU step on a GPU).</summary>
    public KernelVariant? ChosenVariant<T>()
        where T : class, IDeviceOp<T> =>
        VariantRule.Choose(Accelerator, Forced, T.Variants);

    /// <summary>Op T fixed to <paramref name="variant"/>, loaded on first use; throws <see cref="KernelVariantException"/> where <see cref="CannotRun{T}"/> says why not.</summary>
    public T Variant<T>(KernelVariant variant)
        where T : class, IDeviceOp<T>
    {
        if (CannotRun<T>(variant) is { } reason)
        {
            throw new KernelVariantException($"{typeof(T).Name} {variant.Name()}: {reason}");
        }

        lock (_loaded)
        {
            if (!_loaded.TryGetValue((typeof(T), variant), out object? op))
            {
                op = Compiling(() => T.Load(this, variant));
                _loaded.Add((typeof(T), variant), op);
            }

            return (T)op;
        }
    }

    /// <summary>Null where <see cref="Variant{T}"/> loads <paramref name="variant"/> on this device, else why it cannot.</summary>
    public string? CannotRun<T>(KernelVariant variant)
        where T : class, IDeviceOp<T> =>
        !T.Variants.Contains(variant)
            ? $"{typeof(T).Name} has no {variant.Name()} kernel (it has {string.Join(", ", T.Variants.Select(v => v.Name()))})"
            : VariantRule.CannotRunOn(Accelerator, variant);

    /// <summary>Op T at the variant this device chose for it.</summary>
    internal T Get<T>()
        where T : class, IDeviceOp<T> =>
        Variant<T>(ChosenVariant<T>() ?? throw new KernelVariantException(
            $"{typeof(T).Name} has no variant on {Accelerator.Name} (it has {string.Join(", ", T.Variants.Select(v => v.Name()))}{(Forced is { } forced ? $"; {forced.Name()} forced" : "")})"));

    /// <summary>Runs a load (loading a kernel compiles it) and adds its time to the counters.</summary>
    private TResult Compiling<TResult>(Func<TResult> load)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return load();
        }
        finally
        {
            Counters.Compiled(System.Diagnostics.Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Counts a launch over <paramref name="items"/> work items, made after its arguments were checked, and says how to split them among threads.</summary>
    internal WorkSplit Launching(long items)
    {
        Counters.Launched();
        return WorkSplit.For(Accelerator, items);
    }

    /// <summary>Counts a launch of a CPU-only kernel, which takes every thread of the CPU accelerator.</summary>
    internal SimdLaunch LaunchingCpuOnly()
    {
        Counters.Launched();
        return CpuOnly.Launch(Accelerator);
    }

    /// <summary>Counts a launch that configures its own grid (the tile kernels).</summary>
    internal void LaunchingGrouped() => Counters.Launched();

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
