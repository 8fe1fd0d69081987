using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// CPU-only variant of <see cref="PixelBatch"/>: the same contract and the same bits, by
/// <see cref="PixelBatchBody"/> over raw pointers. Never loaded on a GPU.
/// </summary>
public sealed class PixelBatchSimd : IDeviceOp<PixelBatchSimd>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, int, int, SimdLaunch> _kernel;

    private PixelBatchSimd(DeviceOps ops)
    {
        CpuOnly.Require(ops.Accelerator, nameof(PixelBatchSimd));
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, int, int, SimdLaunch>(Kernel);
    }

    static PixelBatchSimd IDeviceOp<PixelBatchSimd>.Load(DeviceOps ops) => new(ops);

    /// <summary>As <see cref="PixelBatch.Run"/>, launched with <paramref name="width"/> (which only names the launch: the body converts through a table).</summary>
    public void Run(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k, SimdWidth width)
    {
        PixelBatch.Check(a, rows, y, m, k);
        Launch(a, rows, y, m, k, width);
    }

    internal void Launch(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k, SimdWidth width)
    {
        var launch = _ops.LaunchingCpuOnly(width);
        _kernel(launch.Threads, a, rows, y, m, k, launch);
    }

    [Kernel(CpuOnly = true)]
    public static void Kernel(Index1D thread, ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k, SimdLaunch launch) =>
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
