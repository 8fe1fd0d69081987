using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="DenseForward"/> with shared-memory tiles (<see cref="DenseForwardTiledKernel"/>):
/// the same arguments, shapes and results, for GPUs. <see cref="DenseForward.Run"/> launches it on
/// CUDA and OpenCL; it is public so that tests can run it on a CPU accelerator whose groups hold
/// Tile x Tile threads (<see cref="CpuConfiguration.ForGroupSize"/>).
/// </summary>
public sealed class DenseForwardTiled : IDeviceOp<DenseForwardTiled>
{
    private readonly DeviceCounters _counters;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout> _kernel;

    private DenseForwardTiled(DeviceOps ops)
    {
        TilePolicy.RequireFits(ops.Accelerator);
        _counters = ops.Counters;
        _kernel = ops.Accelerator.LoadStreamKernel<
            ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout>(DenseForwardTiledKernel.Kernel);
    }

    static DenseForwardTiled IDeviceOp<DenseForwardTiled>.Load(DeviceOps ops) => new(ops);

    /// <summary>The arguments and results of <see cref="DenseForward.Run"/>.</summary>
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
        DropoutSettings dropout)
    {
        var layout = DenseForward.Layout(a, rows, w, bias, y, m, k, n, activation, dropout);
        Launch(a, rows, w, bias, y, layout);
    }

    /// <summary>Counts and launches on arguments already checked by <see cref="DenseForward.Layout"/>.</summary>
    internal void Launch(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, DenseLayout layout)
    {
        _counters.Launched();
        _kernel(DenseForwardTiledKernel.Config(layout), a, rows, w, bias, y, layout);
    }
}
