using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The gradient through ReLU: dx[i] = y[i] > 0 ? dy[i] : 0, where y = relu(x) is the forward
/// output (y > 0 exactly where x > 0, so the output is all the backward pass needs to keep).
/// dy, y and dx have Count elements; in the seed model Count = B x H.
/// </summary>
public sealed class ReluBackward
{
    private readonly DeviceCounters _counters;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _kernel;

    internal ReluBackward(Accelerator accelerator, DeviceCounters counters)
    {
        _counters = counters;
        _accelerator = accelerator;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(Kernel);
    }

    public void Run(ArrayView<float> dy, ArrayView<float> y, ArrayView<float> dx, int count)
    {
        Require.Positive(count, nameof(count));
        Require.Length(dy, count, nameof(dy), $"({count})");
        Require.Length(y, count, nameof(y), $"({count})");
        Require.Length(dx, count, nameof(dx), $"({count})");
        var split = WorkSplit.For(_accelerator, count);
        _counters.Launched();
        _kernel(split.Threads, dy, y, dx, count, split.ItemsPerThread);
    }

    [Kernel]
    public static void Kernel(Index1D thread, ArrayView<float> dy, ArrayView<float> y, ArrayView<float> dx, int count, int perThread)
    {
        int first = thread * perThread;
        int last = Math.Min(first + perThread, count);
        for (int i = first; i < last; i++)
        {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }
}
