using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// CPU-only variant of <see cref="WeightGradient"/>: the same contract and the same bits, computed
/// with SIMD over raw pointers by <see cref="WeightGradientSimdBody"/>. Never loaded on a GPU.
/// </summary>
public sealed class WeightGradientSimd : IDeviceOp<WeightGradientSimd>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, SimdLaunch> _kernel;

    private WeightGradientSimd(DeviceOps ops)
    {
        CpuOnly.Require(ops.Accelerator, nameof(WeightGradientSimd));
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, SimdLaunch>(Kernel);
    }

    static WeightGradientSimd IDeviceOp<WeightGradientSimd>.Load(DeviceOps ops) => new(ops);

    /// <summary>As <see cref="WeightGradient.Run"/>, with vectors of <paramref name="width"/>.</summary>
    public void Run(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n, SimdWidth width) =>
        Launch(a, rows, dy, gradient, WeightGradient.Layout(a, rows, dy, gradient, m, k, n), width);

    internal void Launch(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout, SimdWidth width)
    {
        var launch = _ops.LaunchingCpuOnly(width);
        _kernel(launch.Threads, a, rows, dy, gradient, layout, launch);
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel(Index1D thread, ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout, SimdLaunch launch) =>
        Body(thread, a, rows, dy, gradient, layout, launch);

    [ILGPU.Frontend.External(nameof(WeightGradientSimd))]
    private static unsafe void Body(int thread, ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout, SimdLaunch launch)
    {
        fixed (float* pa = &CpuView.First(a), pd = &CpuView.First(dy), pg = &CpuView.First(gradient))
        fixed (int* pr = &CpuView.First(rows))
        {
            WeightGradientSimdBody.Run(launch.Share(thread), pa, pr, pd, pg, layout, launch.Width);
        }
    }
}
