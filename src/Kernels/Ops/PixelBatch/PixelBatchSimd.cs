using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="PixelBatch"/>'s CPU-only variants: the same contract and the same bits, by
/// <see cref="PixelBatchBody"/> over raw pointers. The body converts through a table at every
/// width (the width names the variant, as for the other ops); never loaded on a GPU.
/// </summary>
internal static class PixelBatchSimd
{
    public static PixelBatchLaunch Load(DeviceOps ops, SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => Load<Lanes512, Vector512<float>>(ops),
        SimdWidth.Bits256 => Load<Lanes256, Vector256<float>>(ops),
        _ => Load<Lanes128, Vector128<float>>(ops),
    };

    private static PixelBatchLaunch Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, int, int, SimdLaunch>(Kernel<TL, TV>);
        return (a, rows, y, m, k) =>
        {
            var launch = ops.LaunchingCpuOnly();
            kernel(launch.Threads, a, rows, y, m, k, launch);
        };
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel<TL, TV>(Index1D thread, ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body(thread, a, rows, y, m, k, launch);

    [ILGPU.Frontend.External(nameof(PixelBatchSimd))]
    private static unsafe void Body(int thread, ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k, SimdLaunch launch)
    {
        fixed (byte* pa = &CpuView.First(a))
        fixed (int* pr = &CpuView.First(rows))
        fixed (float* py = &CpuView.First(y))
        {
            PixelBatchBody.Run(launch.Share(thread), pa, pr, py, m, k);
        }
    }
}
