using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// CPU-only variant of <see cref="InputGradient"/>: the same contract and the same bits, computed
/// with SIMD over raw pointers by <see cref="InputGradientSimdBody"/>. Never loaded on a GPU.
/// </summary>
public sealed class InputGradientSimd : IDeviceOp<InputGradientSimd>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, float, SimdLaunch> _kernel;

    private InputGradientSimd(DeviceOps ops)
    {
        CpuOnly.Require(ops.Accelerator, nameof(InputGradientSimd));
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout, float, SimdLaunch>(Kernel);
    }

    static InputGradientSimd IDeviceOp<InputGradientSimd>.Load(DeviceOps ops) => new(ops);

    /// <summary>As <see cref="InputGradient.Run"/>, with vectors of <paramref name="width"/>.</summary>
    public void Run(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, int m, int k, int n, float dropoutRate, SimdWidth width) =>
        Launch(dy, w, y, dz, InputGradient.Layout(dy, w, y, dz, m, k, n, dropoutRate), InputGradient.Scale(dropoutRate), width);

    internal void Launch(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, DenseBackwardLayout layout, float scale, SimdWidth width)
    {
        var launch = _ops.LaunchingCpuOnly(width);
        _kernel(launch.Threads, dy, w, y, dz, layout, scale, launch);
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel(Index1D thread, ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, DenseBackwardLayout layout, float scale, SimdLaunch launch) =>
        Body(thread, dy, w, y, dz, layout, scale, launch);

    [ILGPU.Frontend.External(nameof(InputGradientSimd))]
    private static unsafe void Body(int thread, ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, DenseBackwardLayout layout, float scale, SimdLaunch launch)
    {
        fixed (float* pd = &CpuView.First(dy), pw = &CpuView.First(w), py = &CpuView.First(y), pz = &CpuView.First(dz))
        {
            InputGradientSimdBody.Run(launch.Share(thread), pd, pw, py, pz, layout, scale, launch.Width);
        }
    }
}
