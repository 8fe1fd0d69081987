using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="WeightGradient"/> with shared-memory tiles (<see cref="WeightGradientTiledKernel"/>):
/// the same arguments, shapes and results, for GPUs. <see cref="WeightGradient.Run"/> launches it
/// on CUDA and OpenCL; it is public so that tests can run it on a CPU accelerator whose groups hold
/// Tile x Tile threads (<see cref="CpuConfiguration.ForGroupSize"/>).
/// </summary>
public sealed class WeightGradientTiled : IDeviceOp<WeightGradientTiled>
{
    private readonly DeviceCounters _counters;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout> _kernel;

    private WeightGradientTiled(DeviceOps ops)
    {
        TilePolicy.RequireFits(ops.Accelerator);
        _counters = ops.Counters;
        _kernel = ops.Accelerator.LoadStreamKernel<
            ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout>(WeightGradientTiledKernel.Kernel);
    }

    static WeightGradientTiled IDeviceOp<WeightGradientTiled>.Load(DeviceOps ops) => new(ops);

    /// <summary>The arguments and results of <see cref="WeightGradient.Run"/>.</summary>
    public void Run(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n)
    {
        var layout = WeightGradient.Layout(a, rows, dy, gradient, m, k, n);
        Launch(a, rows, dy, gradient, layout);
    }

    /// <summary>Counts and launches on arguments already checked by <see cref="WeightGradient.Layout"/>.</summary>
    internal void Launch(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, DenseBackwardLayout layout)
    {
        _counters.Launched();
        _kernel(WeightGradientTiledKernel.Config(layout), a, rows, dy, gradient, layout);
    }
}
