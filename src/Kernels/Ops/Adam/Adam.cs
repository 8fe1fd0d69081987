using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// One Adam step over a whole parameter tensor, as Keras computes it:
/// m += (g - m)(1 - beta1); v += (g^2 - v)(1 - beta2); p -= alpha * m / (sqrt(v) + epsilon),
/// with alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t) for step t = 1, 2, ... (bias correction).
/// With a weight decay W > 0 it is AdamW (Loshchilov and Hutter, decoupled weight decay, as
/// Keras's and PyTorch's AdamW): first p *= 1 - lr * W (lr without the bias correction), then the
/// Adam update; every parameter is decayed, biases included. W = 0 multiplies by exactly 1, so
/// plain Adam is unchanged bit for bit.
/// parameters, gradients, m and v have Count elements. The trainer keeps every parameter of the
/// network in one flat buffer, so one launch updates them all.
/// Variants (<see cref="VariantRule"/>; the same bits): the portable <see cref="Kernel"/> below, and on
/// the CPU accelerator <see cref="AdamSimd"/>.
/// </summary>
public sealed class Adam : IDeviceOp<Adam>
{
    private readonly AdamLaunch _launch;

    private Adam(DeviceOps ops, KernelVariant variant)
    {
        Variant = variant;
        _launch = variant == KernelVariant.Portable ? LoadPortable(ops) : AdamSimd.Load(ops, variant.Width());
    }

    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Portable, KernelVariant.Simd128, KernelVariant.Simd256, KernelVariant.Simd512];

    public KernelVariant Variant { get; }

    static Adam IDeviceOp<Adam>.Load(DeviceOps ops, KernelVariant variant) => new(ops, variant);

    public void Run(
        ArrayView<float> parameters,
        ArrayView<float> gradients,
        ArrayView<float> m,
        ArrayView<float> v,
        int count,
        AdamSettings settings,
        int step)
    {
        Check(parameters, gradients, m, v, count, step);
        _launch(parameters, gradients, m, v, count, AdamStep.From(settings, step));
    }

    /// <summary>
    /// Moments smaller than this are stored as zero. A weight whose gradient stops (a pixel that
    /// few images ink) keeps a first moment that decays by beta1 every step, into subnormal floats
    /// within a few hundred steps: in the seed run 5-8% of them by epoch 1. On x64 every operation
    /// on a subnormal takes a microcode assist of ~100 cycles, and that made Adam the slowest op of
    /// a CPU step (benchmarks/NOTES.md). A moment of 1e-30 moves its weight by ~1e-33 of the
    /// learning rate, far below a float weight's last bit, so flushing it changes no result.
    /// </summary>
    public const float FlushBelow = 1e-30f;

    /// <summary>x, or zero when |x| is below <see cref="FlushBelow"/>.</summary>
    public static float Flushed(float x) => Math.Abs(x) < FlushBelow ? 0f : x;

    /// <summary>Checks every argument of <see cref="Run"/>.</summary>
    internal static void Check(ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, int count, int step)
    {
        Require.Positive(count, nameof(count));
        Require.Positive(step, nameof(step));
        Require.Length(parameters, count, nameof(parameters), $"({count})");
        Require.Length(gradients, count, nameof(gradients), $"({count})");
        Require.Length(m, count, nameof(m), $"({count})");
        Require.Length(v, count, nameof(v), $"({count})");
    }

    private static AdamLaunch LoadPortable(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamStep, int, int>(Kernel);
        return (parameters, gradients, m, v, count, step) =>
        {
            var split = ops.Launching(count);
            kernel(split.Threads, parameters, gradients, m, v, step, count, split.ItemsPerThread);
        };
    }

    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> parameters,
        ArrayView<float> gradients,
        ArrayView<float> m,
        ArrayView<float> v,
        AdamStep step,
        int count,
        int perThread)
    {
        int first = thread * perThread;
        int last = Math.Min(first + perThread, count);
        for (int i = first; i < last; i++)
        {
            float g = gradients[i];
            float mi = Flushed(m[i] + (g - m[i]) * (1f - step.Beta1));
            float vi = Flushed(v[i] + (g * g - v[i]) * (1f - step.Beta2));
            m[i] = mi;
            v[i] = vi;
            float decayed = parameters[i] * step.Keep;
            parameters[i] = decayed - step.Alpha * mi / (MathF.Sqrt(vi) + step.Epsilon);
        }
    }
}

/// <summary>One launch of an <see cref="Adam"/> variant on checked arguments.</summary>
internal delegate void AdamLaunch(ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, int count, AdamStep step);

/// <summary>Adam's hyper-parameters; the defaults are Keras's (WeightDecay 0: plain Adam, not AdamW).</summary>
public readonly record struct AdamSettings(float LearningRate = 1e-3f, float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-7f, float WeightDecay = 0f)
{
    public AdamSettings()
        : this(1e-3f)
    {
    }

    /// <summary>The bias-corrected step size of step t (1-based), computed in double on the host.</summary>
    public double Alpha(int step) =>
        LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step));

    /// <summary>What decoupled weight decay multiplies every parameter by first: 1 - lr * W, computed in double on the host.</summary>
    public double Keep => 1 - ((double)LearningRate * WeightDecay);
}

/// <summary>
/// What one Adam launch needs: the settings with this step's bias-corrected step size and the
/// weight decay's factor (1 without decay).
/// </summary>
public readonly record struct AdamStep(float Alpha, float Beta1, float Beta2, float Epsilon, float Keep)
{
    public static AdamStep From(AdamSettings settings, int step) =>
        new((float)settings.Alpha(step), settings.Beta1, settings.Beta2, settings.Epsilon, (float)settings.Keep);
}
