using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="WeightGradient"/>'s SIMD variants, CPU-only: the same contract and the same bits,
/// computed by <see cref="WeightGradientSimdBody"/> over raw pointers. One kernel per width, picked
/// when the op loads; never loaded on a GPU.
/// </summary>
internal static class WeightGradientSimd
{
    public static WeightGradientLaunch Load(DeviceOps ops, SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => Load<Lanes512, Vector512<float>>(ops),
        SimdWidth.Bits256 => Load<Lanes256, Vector256<float>>(ops),
        _ => Load<Lanes128, Vector128<float>>(ops),
    };

    private static WeightGradientLaunch Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, SimdLaunch>(Kernel<TL, TV>);
        return (a, rows, dy, gradient, layout) =>
        {
            var launch = ops.LaunchingCpuOnly();
            kernel(launch.Threads, a, rows, dy, gradient, layout, launch);
        };
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel<TL, TV>(Index1D thread, ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body<TL, TV>(thread, a, rows, dy, gradient, layout, launch);

    [ILGPU.Frontend.External(nameof(WeightGradientSimd))]
    private static unsafe void Body<TL, TV>(int thread, ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        fixed (float* pa = &CpuView.First(a), pd = &CpuView.First(dy), pg = &CpuView.First(gradient))
        fixed (int* pr = &CpuView.First(rows))
        {
            WeightGradientSimdBody.Run<TL, TV>(launch.Share(thread), pa, pr, pd, pg, layout);
        }
    }
}
