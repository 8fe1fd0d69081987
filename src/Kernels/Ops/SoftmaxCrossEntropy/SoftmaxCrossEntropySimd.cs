using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// CPU-only variant of <see cref="SoftmaxCrossEntropy"/> over raw pointers (scalar: see
/// <see cref="SoftmaxCrossEntropyCpuBody"/>): the same contract and the same bits, without
/// ILGPU's per-access checks. Never loaded on a GPU.
/// </summary>
public sealed class SoftmaxCrossEntropySimd : IDeviceOp<SoftmaxCrossEntropySimd>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, SimdLaunch> _kernel;

    private SoftmaxCrossEntropySimd(DeviceOps ops)
    {
        CpuOnly.Require(ops.Accelerator, nameof(SoftmaxCrossEntropySimd));
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, SimdLaunch>(Kernel);
    }

    static SoftmaxCrossEntropySimd IDeviceOp<SoftmaxCrossEntropySimd>.Load(DeviceOps ops) => new(ops);

    /// <summary>As <see cref="SoftmaxCrossEntropy.Run"/> (the width only names the launch: the body is scalar).</summary>
    public void Run(ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes, SimdWidth width)
    {
        SoftmaxCrossEntropy.Check(logits, labels, losses, correct, dlogits, rows, classes);
        var launch = _ops.LaunchingCpuOnly(width);
        _kernel(launch.Threads, logits, labels, losses, correct, dlogits, rows, classes, launch);
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel(Index1D thread, ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes, SimdLaunch launch) =>
        Body(thread, logits, labels, losses, correct, dlogits, rows, classes, launch);

    [ILGPU.Frontend.External(nameof(SoftmaxCrossEntropySimd))]
    private static unsafe void Body(int thread, ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes, SimdLaunch launch)
    {
        fixed (float* pl = &CpuView.First(logits), ps = &CpuView.First(losses), pc = &CpuView.First(correct), pd = &CpuView.First(dlogits))
        fixed (int* pb = &CpuView.First(labels))
        {
            SoftmaxCrossEntropyCpuBody.Run(launch.Share(thread), pl, pb, ps, pc, pd, rows, classes);
        }
    }
}
