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
public sealed class DenseForwardTiled
{
    private const int GroupSize = DenseForwardTiledKernel.Tile * DenseForwardTiledKernel.Tile;

    private readonly DeviceCounters _counters;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout> _kernel;

    internal DenseForwardTiled(Accelerator accelerator, DeviceCounters counters)
    {
        if (!Fits(accelerator))
        {
            throw new NotSupportedException($"{accelerator.Name} allows {accelerator.MaxNumThreadsPerGroup} threads per group; the tile kernel needs {GroupSize}.");
        }

        _counters = counters;
        _kernel = accelerator.LoadStreamKernel<
            ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout>(DenseForwardTiledKernel.Kernel);
    }

    /// <summary>Whether the accelerator's groups can hold one tile's threads.</summary>
    public static bool Fits(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return accelerator.MaxNumThreadsPerGroup >= GroupSize;
    }

    /// <summary>Whether <see cref="DenseForward"/> uses tiles on this accelerator: on every GPU whose groups fit a tile.</summary>
    public static bool Chosen(Accelerator accelerator) =>
        Fits(accelerator) && accelerator.AcceleratorType != AcceleratorType.CPU;

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
        _counters.Launched();
        Launch(a, rows, w, bias, y, layout);
    }

    /// <summary>Launches on arguments already checked by <see cref="DenseForward.Layout"/>.</summary>
    internal void Launch(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, DenseLayout layout) =>
        _kernel(DenseForwardTiledKernel.Config(layout), a, rows, w, bias, y, layout);
}
