using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="InputGradient"/>'s SIMD variants, CPU-only: the same contract and the same bits,
/// computed by <see cref="InputGradientSimdBody"/> over raw pointers. One kernel per width, picked
/// when the op loads; never loaded on a GPU.
/// </summary>
internal static class InputGradientSimd
{
    public static InputGradientLaunch Load(DeviceOps ops, SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => Load<Lanes512, Vector512<float>>(ops),
        SimdWidth.Bits256 => Load<Lanes256, Vector256<float>>(ops),
        _ => Load<Lanes128, Vector128<float>>(ops),
    };

    private static InputGradientLaunch Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, float, SimdLaunch>(Kernel<TL, TV>);
        return (dy, w, y, dz, layout, scale) =>
        {
            var launch = ops.LaunchingCpuOnly();
            kernel(launch.Threads, dy, w, y, dz, layout, scale, launch);
        };
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel<TL, TV>(Index1D thread, ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, DenseBackwardLayout layout, float scale, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body<TL, TV>(thread, dy, w, y, dz, layout, scale, launch);

    [ILGPU.Frontend.External(nameof(InputGradientSimd))]
    private static unsafe void Body<TL, TV>(int thread, ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, DenseBackwardLayout layout, float scale, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        fixed (float* pd = &CpuView.First(dy), pw = &CpuView.First(w), py = &CpuView.First(y), pz = &CpuView.First(dz))
        {
            InputGradientSimdBody.Run<TL, TV>(launch.Share(thread), pd, pw, py, pz, layout, scale);
        }
    }
}
