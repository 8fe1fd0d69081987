using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// A dense layer's whole forward pass in one launch: Y = dropout(activation(A . W + bias)), where
/// A row i is either a[i] or, with row indices, a[rows[i]]: the batch is gathered from the
/// dataset as it is read, with no copy. a is (SourceRows, K), rows is (M) or empty, w is (K, N),
/// bias is (N) or empty, y is (M, N). In the seed model: M = B, K = I (784), N = H (128) with
/// ReLU and dropout 0.2, then K = H, N = O (10) with neither.
/// Only the dropped output is kept: it is positive exactly where ReLU passed and dropout kept, which
/// is all the backward pass needs for its ReLU mask.
/// <para>
/// Variants (<see cref="VariantRule"/> picks one when the op loads; all give the same bits):
/// on a GPU the shared-memory tiles of <see cref="DenseForwardTiledKernel"/>; on the CPU
/// accelerator the SIMD bodies of <see cref="DenseForwardSimd"/> at the widest accelerated width;
/// else, or when forced, the portable <see cref="DenseForwardKernel"/>. Read them in that order
/// of the files: this one (contract and checks), then the kernel of the variant.
/// </para>
/// </summary>
public sealed class DenseForward : IDeviceOp<DenseForward>
{
    private readonly DenseForwardLaunch _launch;

    private DenseForward(DeviceOps ops, KernelVariant variant)
    {
        Variant = variant;
        _launch = variant switch
        {
            KernelVariant.Portable => DenseForwardKernel.Load(ops),
            KernelVariant.Tiled => DenseForwardTiledKernel.Load(ops),
            _ => DenseForwardSimd.Load(ops, variant.Width()),
        };
    }

    public static IReadOnlyList<KernelVariant> Variants { get; } = KernelVariants.All;

    public KernelVariant Variant { get; }

    static DenseForward IDeviceOp<DenseForward>.Load(DeviceOps ops, KernelVariant variant) => new(ops, variant);

    /// <summary>
    /// rows: empty for A = a, else the (M) source row of each output row, each in [0, a rows) (the
    /// caller's shuffle guarantees it; a kernel cannot throw). dropout: rate 0 for none.
    /// </summary>
    public void Run(
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> w,
        ArrayView<float> bias,
        ArrayView<float> y,
        int m,
        int k,
        int n,
        Activation activation,
        DropoutSettings dropout) =>
        _launch(a, rows, w, bias, y, Layout(a, rows, w, bias, y, m, k, n, activation, dropout));

    /// <summary>Checks every argument of <see cref="Run"/> and returns the launch's layout.</summary>
    internal static DenseLayout Layout(
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> w,
        ArrayView<float> bias,
        ArrayView<float> y,
        int m,
        int k,
        int n,
        Activation activation,
        DropoutSettings dropout)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        Require.Rate(dropout.Rate, nameof(dropout));
        RequireInput.Rows(a, rows, m, k);

        Require.Length(w, (long)k * n, nameof(w), $"({k}, {n})");
        if (bias.Length != 0)
        {
            Require.Length(bias, n, nameof(bias), $"({n})");
        }

        Require.Length(y, (long)m * n, nameof(y), $"({m}, {n})");
        bool vector = k % 4 == 0 && n % DenseForwardKernel.BlockColumns == 0
            && Float4.Aligned(a) && Float4.Aligned(w) && Float4.Aligned(bias) && Float4.Aligned(y);
        return new DenseLayout(m, k, n, bias.Length != 0 ? 1 : 0, rows.Length != 0 ? 1 : 0, activation, dropout, vector ? 1 : 0);
    }
}

/// <summary>One launch of a <see cref="DenseForward"/> variant on arguments already checked by <see cref="DenseForward.Layout"/>.</summary>
internal delegate void DenseForwardLaunch(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, DenseLayout layout);
