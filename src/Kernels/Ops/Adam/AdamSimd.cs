using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// CPU-only variant of <see cref="Adam"/>: the same contract and the same bits, computed with SIMD
/// over raw pointers by <see cref="AdamSimdBody"/>. Never loaded on a GPU.
/// </summary>
public sealed class AdamSimd : IDeviceOp<AdamSimd>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamStep, int, SimdLaunch> _kernel;

    private AdamSimd(DeviceOps ops)
    {
        CpuOnly.Require(ops.Accelerator, nameof(AdamSimd));
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamStep, int, SimdLaunch>(Kernel);
    }

    static AdamSimd IDeviceOp<AdamSimd>.Load(DeviceOps ops) => new(ops);

    /// <summary>As <see cref="Adam.Run"/>, with vectors of <paramref name="width"/>.</summary>
    public void Run(ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, int count, AdamSettings settings, int step, SimdWidth width)
    {
        Adam.Check(parameters, gradients, m, v, count, step);
        var launch = _ops.LaunchingCpuOnly(width);
        _kernel(launch.Threads, parameters, gradients, m, v, AdamStep.From(settings, step), count, launch);
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel(Index1D thread, ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, AdamStep step, int count, SimdLaunch launch) =>
        Body(thread, parameters, gradients, m, v, step, count, launch);

    [ILGPU.Frontend.External(nameof(AdamSimd))]
    private static unsafe void Body(int thread, ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, AdamStep step, int count, SimdLaunch launch)
    {
        fixed (float* pp = &CpuView.First(parameters), pg = &CpuView.First(gradients), pm = &CpuView.First(m), pv = &CpuView.First(v))
        {
            AdamSimdBody.Run(launch.Share(thread), pp, pg, pm, pv, count, step, launch.Width);
        }
    }
}
