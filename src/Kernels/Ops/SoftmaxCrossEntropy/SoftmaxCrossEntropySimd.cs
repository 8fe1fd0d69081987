using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="SoftmaxCrossEntropy"/>'s SIMD variants, CPU-only: the same contract and the same
/// bits, computed by <see cref="SoftmaxCrossEntropySimdBody"/> over raw pointers without ILGPU's
/// per-access checks. One kernel per width, picked when the op loads; never loaded on a GPU.
/// </summary>
internal static class SoftmaxCrossEntropySimd
{
    public static SoftmaxCrossEntropyLaunch Load(DeviceOps ops, SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => Load<Lanes512, Vector512<float>>(ops),
        SimdWidth.Bits256 => Load<Lanes256, Vector256<float>>(ops),
        _ => Load<Lanes128, Vector128<float>>(ops),
    };

    private static SoftmaxCrossEntropyLaunch Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, SimdLaunch>(Kernel<TL, TV>);
        return (logits, labels, losses, correct, dlogits, rows, classes) =>
        {
            var launch = ops.LaunchingCpuOnly();
            kernel(launch.Threads, logits, labels, losses, correct, dlogits, rows, classes, launch);
        };
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel<TL, TV>(Index1D thread, ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body<TL, TV>(thread, logits, labels, losses, correct, dlogits, rows, classes, launch);

    [ILGPU.Frontend.External(nameof(SoftmaxCrossEntropySimd))]
    private static unsafe void Body<TL, TV>(int thread, ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes, SimdLaunch launch)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        fixed (float* pl = &CpuView.First(logits), ps = &CpuView.First(losses), pc = &CpuView.First(correct), pd = &CpuView.First(dlogits))
        fixed (int* pb = &CpuView.First(labels))
        {
            SoftmaxCrossEntropySimdBody.Run<TL, TV>(launch.Share(thread), pl, pb, ps, pc, pd, rows, classes);
        }
    }
}
