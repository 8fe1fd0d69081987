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
/// </summary>
public sealed class InputGradient : IDeviceOp<InputGradient>
{
    private readonly DeviceOps _ops;
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, float, int>> _kernel;

    private InputGradient(DeviceOps ops)
    {
        _ops = ops;
        // Compiled now where it runs; where the tiles (GPUs) or the CPU-only SIMD kernels run instead, only if ever used.
        _kernel = ops.PortableKernel(
            () => ops.Accelerator.LoadAutoGroupedStreamKernel<
                Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, float, int>(Kernel),
            replaced: false);
    }

    static InputGradient IDeviceOp<InputGradient>.Load(DeviceOps ops) => new(ops);

    public void Run(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, int m, int k, int n, float dropoutRate)
    {
        var layout = Layout(dy, w, y, dz, m, k, n, dropoutRate);
        if (_ops.Simd is { } width)
        {
            _ops.InputGradientSimd.Launch(dy, w, y, dz, layout, Scale(dropoutRate), width);
            return;
        }

        var split = _ops.Launching((long)m * n);
        _kernel.Value(split.Threads, dy, w, y, dz, layout, Scale(dropoutRate), split.ItemsPerThread);
    }

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
