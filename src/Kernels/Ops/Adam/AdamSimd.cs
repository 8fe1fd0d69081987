using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="Adam"/>'s SIMD variants, CPU-only: the same contract and the same bits, computed by
/// <see cref="AdamSimdBody"/> over raw pointers. One kernel per width, picked when the op loads;
/// never loaded on a GPU.
/// </summary>
internal static class AdamSimd
{
    public static AdamLaunch Load(DeviceOps ops, SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => Load<Lanes512, Vector512<float>>(ops),
        SimdWidth.Bits256 => Load<Lanes256, Vector256<float>>(ops),
        _ => Load<Lanes128, Vector128<float>>(ops),
    };

    private static AdamLaunch Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamStep, int, SimdLaunch>(Kernel<TL, TV>);
        return (parameters, gradients, m, v, count, step) =>
        {
            var launch = ops.LaunchingCpuOnly();
            kernel(launch.Threads, parameters, gradients, m, v, step, count, launch);
        };
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel<TL, TV>(Index1D thread, ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, AdamStep step, int count, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body<TL, TV>(thread, parameters, gradients, m, v, step, count, launch);

    [ILGPU.Frontend.External(nameof(AdamSimd))]
    private static unsafe void Body<TL, TV>(int thread, ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, AdamStep step, int count, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        fixed (float* pp = &CpuView.First(parameters), pg = &CpuView.First(gradients), pm = &CpuView.First(m), pv = &CpuView.First(v))
        {
            AdamSimdBody.Run<TL, TV>(launch.Share(thread), pp, pg, pm, pv, count, step);
        }
    }
}
