using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// A dense layer's parameter gradients in one launch: dW = A^T . dY and db = column sums of dY,
/// into one (K + 1, N) view: K rows of weights, then the bias row (the flat parameter layout).
/// A row i is a[i] or, with row indices, a[rows[i]], as in <see cref="DenseForward"/>.
/// a is (SourceRows, K), rows is (M) or empty, dy is (M, N), gradient is ((K + 1) x N).
/// In the seed model: M = B, K = I (784), N = H (128), then K = H, N = O (10).
/// </summary>
public sealed class WeightGradient
{
    private readonly DeviceCounters _counters;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, int> _kernel;

    internal WeightGradient(Accelerator accelerator, DeviceCounters counters)
    {
        _counters = counters;
        _accelerator = accelerator;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, int>(WeightGradientKernel.Kernel);
    }

    public void Run(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        Require.Positive(n, nameof(n));
        RequireInput.Rows(a, rows, m, k);
        Require.Length(dy, (long)m * n, nameof(dy), $"({m}, {n})");
        Require.Length(gradient, (long)(k + 1) * n, nameof(gradient), $"(({k} + 1) x {n})");
        bool vector = k % WeightGradientKernel.BlockRows == 0 && n % WeightGradientKernel.BlockColumns == 0
            && Float4.Aligned(a) && Float4.Aligned(dy) && Float4.Aligned(gradient);
        var layout = new DenseBackwardLayout(m, k, n, rows.Length != 0 ? 1 : 0, vector ? 1 : 0);
        var split = WorkSplit.For(_accelerator, WeightGradientKernel.WorkItems(layout));
        _counters.Launched();
        _kernel(split.Threads, a, rows, dy, gradient, layout, split.ItemsPerThread);
    }
}
