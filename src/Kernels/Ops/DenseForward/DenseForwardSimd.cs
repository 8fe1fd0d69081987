using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="DenseForward"/>'s SIMD variants, CPU-only: the same contract and the same bits,
/// computed by <see cref="DenseForwardSimdBody"/> over raw pointers. The kernel is an ordinary
/// ILGPU launch on the CPU accelerator whose body is opaque to ILGPU, so none of the per-access
/// checks that bound the portable kernel there apply. One kernel per width, picked when the op
/// loads; never loaded on a GPU (<see cref="VariantRule.CannotRunOn"/>).
/// </summary>
internal static class DenseForwardSimd
{
    public static DenseForwardLaunch Load(DeviceOps ops, SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => Load<Lanes512, Vector512<float>>(ops),
        SimdWidth.Bits256 => Load<Lanes256, Vector256<float>>(ops),
        _ => Load<Lanes128, Vector128<float>>(ops),
    };

    private static DenseForwardLaunch Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout, SimdLaunch>(Kernel<TL, TV>);
        return (a, rows, w, bias, y, layout) =>
        {
            var launch = ops.LaunchingCpuOnly();
            kernel(launch.Threads, a, rows, w, bias, y, layout, launch);
        };
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel<TL, TV>(
        Index1D thread,
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> w,
        ArrayView<float> bias,
        ArrayView<float> y,
        DenseLayout layout,
        SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body<TL, TV>(thread, a, rows, w, bias, y, layout, launch);

    [ILGPU.Frontend.External(nameof(DenseForwardSimd))]
    private static unsafe void Body<TL, TV>(int thread, ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, DenseLayout layout, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        fixed (float* pa = &CpuView.First(a), pw = &CpuView.First(w), pb = &CpuView.First(bias), py = &CpuView.First(y))
        fixed (int* pr = &CpuView.First(rows))
        {
            // By rows where every thread gets a block of them (evaluation's 1,000-row chunks, a batch):
            // each core then writes whole output rows. By column chunks where the rows are too few
            // to share (a single image). Both give the same bits.
            if (layout.M >= ProductBlocks.Rows * launch.Threads)
            {
                DenseForwardSimdBody.RunRows<TL, TV>(launch.Share(thread), pa, pr, pw, pb, py, layout);
            }
            else
            {
                DenseForwardSimdBody.Run<TL, TV>(launch.Share(thread), pa, pr, pw, pb, py, layout);
            }
        }
    }
}
