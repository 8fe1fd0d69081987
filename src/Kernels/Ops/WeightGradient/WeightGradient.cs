using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// A dense layer's parameter gradients in one launch: dW = A^T . dY and db = column sums of dY,
/// into one (K + 1, N) view: K rows of weights, then the bias row (the flat parameter layout).
/// A row i is a[i] or, with row indices, a[rows[i]], as in <see cref="DenseForward"/>.
/// a is (SourceRows, K), rows is (M) or empty, dy is (M, N), gradient is ((K + 1) x N).
/// In the seed model: M = B, K = I (784), N = H (128), then K = H, N = O (10).
/// Variants (<see cref="VariantRule"/> picks one when the op loads; all give the same bits): on a
/// GPU the shared-memory tiles of <see cref="WeightGradientTiledKernel"/>; on the CPU accelerator the
/// SIMD bodies of <see cref="WeightGradientSimd"/>; else, or when forced, the portable
/// <see cref="WeightGradientKernel"/> (its Float4 path runs where DenseForward's does).
/// </summary>
public sealed class WeightGradient : IDeviceOp<WeightGradient>
{
    private readonly WeightGradientLaunch _launch;

    private WeightGradient(DeviceOps ops, KernelVariant variant)
    {
        Variant = variant;
        _launch = variant switch
        {
            KernelVariant.Portable => WeightGradientKernel.Load(ops),
            KernelVariant.Tiled => WeightGradientTiledKernel.Load(ops),
            _ => WeightGradientSimd.Load(ops, variant.Width()),
        };
    }

    public static IReadOnlyList<KernelVariant> Variants { get; } = KernelVariants.All;

    public KernelVariant Variant { get; }

    static WeightGradient IDeviceOp<WeightGradient>.Load(DeviceOps ops, KernelVariant variant) => new(ops, variant);

    public void Run(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n) =>
        _launch(a, rows, dy, gradient, Layout(a, rows, dy, gradient, m, k, n));

    /// <summary>Checks every argument of <see cref="Run"/> and returns the launch's layout.</summary>
    internal static DenseBackwardLayout Layout(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        RequireInput.Rows(a, rows, m, k);
        Require.Length(dy, (long)m * n, nameof(dy), $"({m}, {n})");
        Require.Length(gradient, (long)(k + 1) * n, nameof(gradient), $"(({k} + 1) x {n})");
        bool vector = k % WeightGradientKernel.BlockRows == 0 && n % WeightGradientKernel.BlockColumns == 0
            && Float4.Aligned(a) && Float4.Aligned(dy) && Float4.Aligned(gradient);
        return new DenseBackwardLayout(m, k, n, rows.Length != 0 ? 1 : 0, vector ? 1 : 0);
    }
}

/// <summary>One launch of a <see cref="WeightGradient"/> variant on arguments already checked by <see cref="WeightGradient.Layout"/>.</summary>
internal delegate void WeightGradientLaunch(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout);
