using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>The loaded <see cref="MatMulBlocked"/> kernel, shared by the three matmul forms.</summary>
public sealed class MatMulLauncher
{
    private readonly DeviceCounters _counters;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, MatMulLayout, int> _kernel;

    internal MatMulLauncher(Accelerator accelerator, DeviceCounters counters)
    {
        _counters = counters;
        _accelerator = accelerator;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, MatMulLayout, int>(MatMulBlocked.Kernel);
    }

    internal void Launch(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c, MatMulLayout layout)
    {
        var split = WorkSplit.For(_accelerator, MatMulBlocked.BlockCount(layout.M, layout.N));
        _counters.Launched();
        _kernel(split.Threads, a, b, bias, c, layout, split.ItemsPerThread);
    }
}
