using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Inverted dropout: y[i] = keep(i) ? x[i] / (1 - rate) : 0, and the same mask and scale on the
/// way back, dx[i] = keep(i) ? dy[i] / (1 - rate) : 0. The mask is <see cref="DropoutMask.Keep"/>
/// of (seed, step, i): recomputed, never stored, identical on every backend and in the reference.
/// x, y, dy and dx have Count elements; in the seed model Count = B x H and rate = 0.2.
/// </summary>
public sealed class Dropout
{
    private readonly DeviceCounters _counters;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, DropoutSettings, int, int> _kernel;

    internal Dropout(Accelerator accelerator, DeviceCounters counters)
    {
        _counters = counters;
        _accelerator = accelerator;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, DropoutSettings, int, int>(Kernel);
    }

    public void Forward(ArrayView<float> x, ArrayView<float> y, int count, float rate, uint seed, uint step) =>
        Launch(x, y, count, rate, seed, step, nameof(x), nameof(y));

    /// <summary>The backward pass is the forward pass applied to the gradient: the same mask, the same scale.</summary>
    public void Backward(ArrayView<float> dy, ArrayView<float> dx, int count, float rate, uint seed, uint step) =>
        Launch(dy, dx, count, rate, seed, step, nameof(dy), nameof(dx));

    [Kernel]
    public static void Kernel(Index1D thread, ArrayView<float> input, ArrayView<float> output, DropoutSettings settings, int count, int perThread)
    {
        float scale = 1f / (1f - settings.Rate);
        int first = thread * perThread;
        int last = Math.Min(first + perThread, count);
        for (int i = first; i < last; i++)
        {
            output[i] = DropoutMask.Keep(settings.Seed, settings.Step, (uint)i, settings.Rate) ? input[i] * scale : 0f;
        }
    }

    /// <summary>Checks and launches; the names are the caller's (x, y or dy, dx), so an error names the argument the caller passed.</summary>
    private void Launch(ArrayView<float> input, ArrayView<float> output, int count, float rate, uint seed, uint step, string inputName, string outputName)
    {
        Require.Positive(count, nameof(count));
        Require.Rate(rate, nameof(rate));
        Require.Length(input, count, inputName, $"({count})");
        Require.Length(output, count, outputName, $"({count})");
        var split = WorkSplit.For(_accelerator, count);
        _counters.Launched();
        _kernel(split.Threads, input, output, new DropoutSettings(rate, seed, step), count, split.ItemsPerThread);
    }
}

/// <summary>The dropout rate and the counters its mask is drawn from.</summary>
public readonly record struct DropoutSettings(float Rate, uint Seed, uint Step);
