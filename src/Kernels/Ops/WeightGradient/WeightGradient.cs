using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// A dense layer's parameter gradients in one launch: dW = A^T . dY and db = column sums of dY,
/// into one (K + 1, N) view: K rows of weights, then the bias row (the flat parameter layout).
/// A row i is a[i] or, with row indices, a[rows[i]], as in <see cref="DenseForward"/>.
/// a is (SourceRows, K), rows is (M) or empty, dy is (M, N), gradient is ((K + 1) x N).
/// In the seed model: M = B, K = I (784), N = H (128), then K = H, N = O (10).
/// On a GPU (CUDA, OpenCL) it launches the shared-memory tile kernel of <see cref="WeightGradientTiled"/>;
/// on the CPU accelerator the blocked kernel of <see cref="WeightGradientKernel"/>.
/// </summary>
public sealed class WeightGradient : IDeviceOp<WeightGradient>
{
    private readonly DeviceOps _ops;
    private readonly WeightGradientTiled? _tiled;
    private readonly Lazy<Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, int>> _kernel;

    private WeightGradient(DeviceOps ops)
    {
        _ops = ops;
        _tiled = TilePolicy.Chosen(ops.Accelerator) ? ops.WeightGradientTiled : null;
        // Compiled now where it runs; where the tiles (GPUs) or the CPU-only SIMD kernels run instead, only if ever used.
        _kernel = ops.PortableKernel(
            () => ops.Accelerator.LoadAutoGroupedStreamKernel<
                Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, int>(WeightGradientKernel.Kernel),
            replaced: _tiled is not null);
    }

    static WeightGradient IDeviceOp<WeightGradient>.Load(DeviceOps ops) => new(ops);

    /// <summary>Whether <see cref="Run"/> launches the tile kernel of <see cref="WeightGradientTiled"/>.</summary>
    public bool Tiled => _tiled is not null;

    public void Run(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n)
    {
        var layout = Layout(a, rows, dy, gradient, m, k, n);
        if (_tiled is not null)
        {
            _tiled.Launch(a, rows, dy, gradient, layout);
            return;
        }

        if (_ops.Simd is { } width)
        {
            _ops.WeightGradientSimd.Launch(a, rows, dy, gradient, layout, width);
            return;
        }

        var split = _ops.Launching(WeightGradientKernel.WorkItems(layout));
        _kernel.Value(split.Threads, a, rows, dy, gradient, layout, split.ItemsPerThread);
    }

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
