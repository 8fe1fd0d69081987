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
/// On a GPU (CUDA, OpenCL) it launches the shared-memory tile kernel of <see cref="DenseForwardTiled"/>;
/// on the CPU accelerator, where a barrier costs OS threads, the CPU-only SIMD kernel of <see cref="DenseForwardSimd"/>
/// (or, with <see cref="DeviceOps.Simd"/> null, the portable blocked kernel of <see cref="DenseForwardKernel"/>).
/// </summary>
public sealed class DenseForward : IDeviceOp<DenseForward>
{
    private readonly DeviceOps _ops;
    private readonly DenseForwardTiled? _tiled;
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout, int>> _kernel;

    private DenseForward(DeviceOps ops)
    {
        _ops = ops;
        _tiled = TilePolicy.Chosen(ops.Accelerator) ? ops.DenseForwardTiled : null;
        // Compiled now where it runs; where the tiles (GPUs) or the CPU-only SIMD kernels run instead, only if ever used.
        _kernel = ops.PortableKernel(
            () => ops.Accelerator.LoadAutoGroupedStreamKernel<
                Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout, int>(DenseForwardKernel.Kernel),
            replaced: _tiled is not null);
    }

    static DenseForward IDeviceOp<DenseForward>.Load(DeviceOps ops) => new(ops);

    /// <summary>Whether <see cref="Run"/> launches the tile kernel of <see cref="DenseForwardTiled"/>.</summary>
    public bool Tiled => _tiled is not null;

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
        DropoutSettings dropout)
    {
        var layout = Layout(a, rows, w, bias, y, m, k, n, activation, dropout);
        if (_tiled is not null)
        {
            _tiled.Launch(a, rows, w, bias, y, layout);
            return;
        }

        if (_ops.Simd is { } width)
        {
            _ops.DenseForwardSimd.Launch(a, rows, w, bias, y, layout, width);
            return;
        }

        var split = _ops.Launching(DenseForwardKernel.WorkItems(layout));
        _kernel.Value(split.Threads, a, rows, w, bias, y, layout, split.ItemsPerThread);
    }

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
