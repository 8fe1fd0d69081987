using System.Diagnostics;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Model;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Runner.Bench;

/// <summary>
/// The two big matmuls of a training step as the trainer runs them (batch read through row
/// indices), timed in this process: the median of several rounds of launches, each round ending
/// with a synchronisation. BenchmarkDotNet's kernel benchmarks measure the same more carefully;
/// this puts the figure next to the end-to-end table.
/// </summary>
public static class KernelRates
{
    public sealed record Rate(string Kernel, string Accelerator, int Batch, double GigaflopsPerSecond);

    public static IReadOnlyList<Rate> Measure(AcceleratorKind kind, int batch)
    {
        var shape = MlpShape.Seed;
        int i = shape.Inputs, h = shape.Hidden[0];
        var random = new Random(1);
        using var device = ComputeDevice.Open(kind);
        var accelerator = device.Accelerator;
        using var x = accelerator.Allocate1D(Enumerable.Range(0, 4 * batch * i).Select(_ => (float)random.NextDouble()).ToArray());
        using var rows = accelerator.Allocate1D(Enumerable.Range(0, batch).Select(_ => random.Next(4 * batch)).ToArray());
        using var w = accelerator.Allocate1D(Enumerable.Range(0, i * h).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f).ToArray());
        using var bias = accelerator.Allocate1D<float>(h);
        using var y = accelerator.Allocate1D<float>((long)batch * h);
        using var dy = accelerator.Allocate1D(Enumerable.Range(0, batch * h).Select(_ => (float)(random.NextDouble() - 0.5) * 0.01f).ToArray());
        using var gradient = accelerator.Allocate1D<float>((long)(i + 1) * h);
        var ops = device.Ops;
        double flops = 2.0 * batch * i * h;
        string name = kind.Name();
        return
        [
            new("DenseForward (784 -> 128, gather, bias, ReLU, dropout)", name, batch, flops / Median(accelerator, () =>
                ops.DenseForward.Run(x.View, rows.View, w.View, bias.View, y.View, batch, i, h, Activation.Relu, new DropoutSettings(0.2f, 1, 2))) / 1e9),
            new("WeightGradient (784 x 128 and bias, gather)", name, batch, flops / Median(accelerator, () =>
                ops.WeightGradient.Run(x.View, rows.View, dy.View, gradient.View, batch, i, h)) / 1e9),
        ];
    }

    /// <summary>Seconds per launch: the median over 7 rounds of 50 launches, after a warm-up round.</summary>
    private static double Median(Accelerator accelerator, Action launch)
    {
        const int rounds = 7, launches = 50;
        var seconds = new double[rounds];
        for (int round = -1; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int n = 0; n < launches; n++)
            {
                launch();
            }

            accelerator.Synchronize();
            if (round >= 0)
            {
                seconds[round] = clock.Elapsed.TotalSeconds / launches;
            }
        }

        Array.Sort(seconds);
        return seconds[rounds / 2];
    }
}
