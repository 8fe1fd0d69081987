using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// CPU-only variant of <see cref="DenseForward"/>: the same contract and the same bits, computed
/// with SIMD over raw pointers by <see cref="DenseForwardSimdBody"/> (see there). The kernel is
/// an ordinary ILGPU launch on the CPU accelerator whose body is opaque to ILGPU, so none of the
/// per-access checks that bound the portable kernel there apply. Never loaded on a GPU.
/// </summary>
public sealed class DenseForwardSimd : IDeviceOp<DenseForwardSimd>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout, SimdLaunch> _kernel;

    private DenseForwardSimd(DeviceOps ops)
    {
        CpuOnly.Require(ops.Accelerator, nameof(DenseForwardSimd));
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout, SimdLaunch>(Kernel);
    }

    static DenseForwardSimd IDeviceOp<DenseForwardSimd>.Load(DeviceOps ops) => new(ops);

    /// <summary>As <see cref="DenseForward.Run"/>, with vectors of <paramref name="width"/>.</summary>
    public void Run(
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> w,
        ArrayView<float> bias,
        ArrayView<float> y,
        int m,
        int k,
        int n,
        Activation activation,
        DropoutSettings dropout,
        SimdWidth width) =>
        Launch(a, rows, w, bias, y, DenseForward.Layout(a, rows, w, bias, y, m, k, n, activation, dropout), width);

    internal void Launch(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, DenseLayout layout, SimdWidth width)
    {
        var launch = _ops.LaunchingCpuOnly(width);
        _kernel(launch.Threads, a, rows, w, bias, y, layout, launch);
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> w,
        ArrayView<float> bias,
        ArrayView<float> y,
        DenseLayout layout,
        SimdLaunch launch) =>
        Body(thread, a, rows, w, bias, y, layout, launch);

    [ILGPU.Frontend.External(nameof(DenseForwardSimd))]
    private static unsafe void Body(int thread, ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, DenseLayout layout, SimdLaunch launch)
    {
        fixed (float* pa = &CpuView.First(a), pw = &CpuView.First(w), pb = &CpuView.First(bias), py = &CpuView.First(y))
        fixed (int* pr = &CpuView.First(rows))
        {
            DenseForwardSimdBody.Run(launch.Share(thread), pa, pr, pw, pb, py, layout, launch.Width);
        }
    }
}
