using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The gradient flowing back into a hidden layer's pre-activation, in one launch:
/// dz[i, j] = (y[i, j] > 0 ? 1 / (1 - rate) : 0) * sum over k of dy[i, k] * w[j, k],
/// that is dY . W^T followed by dropout's and ReLU's backward passes. y is the layer's forward
/// output after ReLU and dropout: it is positive exactly where ReLU passed and dropout kept, so
/// it is the whole mask, and rescaling by 1 / (1 - rate) is all dropout adds.
/// dy is (M, K), w is (N, K), y and dz are (M, N). In the seed model: M = B, K = O (10), N = H (128).
/// Variants (<see cref="VariantRule"/>; the same bits): the portable <see cref="Kernel"/> below, and on
/// the CPU accelerator <see cref="InputGradientSimd"/>.
/// </summary>
public sealed class InputGradient : IDeviceOp<InputGradient>
{
    private readonly InputGradientLaunch _launch;

    private InputGradient(DeviceOps ops, KernelVariant variant)
    {
        Variant = variant;
        _launch = variant == KernelVariant.Portable ? LoadPortable(ops) : InputGradientSimd.Load(ops, variant.Width());
    }

    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Portable, KernelVariant.Simd128, KernelVariant.Simd256, KernelVariant.Simd512];

    public KernelVariant Variant { get; }

    static InputGradient IDeviceOp<InputGradient>.Load(DeviceOps ops, KernelVariant variant) => new(ops, variant);

    public void Run(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, int m, int k, int n, float dropoutRate) =>
        _launch(dy, w, y, dz, Layout(dy, w, y, dz, m, k, n, dropoutRate), Scale(dropoutRate));

    /// <summary>Checks every argument of <see cref="Run"/> and returns the launch's layout.</summary>
    internal static DenseBackwardLayout Layout(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, int m, int k, int n, float dropoutRate)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Rate(dropoutRate, nameof(dropoutRate));
        Require.Length(dy, (long)m * k, nameof(dy), $"({m}, {k})");
        Require.Length(w, (long)n * k, nameof(w), $"({n}, {k})");
        Require.Length(y, (long)m * n, nameof(y), $"({m}, {n})");
        Require.Length(dz, (long)m * n, nameof(dz), $"({m}, {n})");
        return new DenseBackwardLayout(m, k, n, 0, 0);
    }

    /// <summary>What a kept unit's gradient is multiplied by: dropout's 1 / (1 - rate).</summary>
    internal static float Scale(float dropoutRate) => 1f / (1f - dropoutRate);

    private static InputGradientLaunch LoadPortable(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, float, int>(Kernel);
        return (dy, w, y, dz, layout, scale) =>
        {
            var split = ops.Launching((long)layout.M * layout.N);
            kernel(split.Threads, dy, w, y, dz, layout, scale, split.ItemsPerThread);
        };
    }

    /// <summary>One output per work item; K is small (the 10 logits), so there is no blocking to gain.</summary>
    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> dy,
        ArrayView<float> w,
        ArrayView<float> y,
        ArrayView<float> dz,
        DenseBackwardLayout layout,
        float scale,
        int itemsPerThread)
    {
        long items = (long)layout.M * layout.N;
        long first = (long)(int)thread * itemsPerThread;
        long last = Math.Min(first + itemsPerThread, items);
        for (long item = first; item < last; item++)
        {
            if (!(y[item] > 0f))
            {
                dz[item] = 0f;
                continue;
            }

            int i = (int)(item / layout.N);
            int j = (int)(item % layout.N);
            long dyRow = (long)i * layout.K;
            long wRow = (long)j * layout.K;
            float sum = 0f;
            for (int k = 0; k < layout.K; k++)
            {
                sum += dy[dyRow + k] * w[wRow + k];
            }

            dz[item] = sum * scale;
        }
    }
}

/// <summary>One launch of an <see cref="InputGradient"/> variant on checked arguments.</summary>
internal delegate void InputGradientLaunch(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, DenseBackwardLayout layout, float scale);
