using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// Dropout's forward pass on the hidden layer, rate 0.2, over B x H elements (H = 128): reads x,
/// writes y, and hashes (seed, step, index) for every element's mask. The backward pass is the
/// same kernel on the gradient.
/// </summary>
public class DropoutBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const float Rate = 0.2f;
    private const uint Seed = 42;
    private const uint Step = 7;

    private static readonly int H = MlpShape.Seed.Hidden[0];

    private ArrayView<float> _x, _y;
    private double[] _x64 = [], _y64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    private int Count => Batch * H;

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long count = (long)benchmarkCase.IntParameter(nameof(Batch)) * H;
        return Work.Elements(read: count, written: count);
    }

    [Benchmark(Baseline = true)]
    public void DropoutForwardFloat64() => DropoutReference.Forward(_x64, _y64, Count, Rate, Seed, Step);

    [Benchmark]
    public void DropoutForwardKernel()
    {
        Ops.Dropout.Forward(_x, _y, Count, Rate, Seed, Step);
        Synchronize();
    }

    protected override void Prepare()
    {
        var x = RandomData.Uniform(Count, 0f, 1f, seed: 41);
        (_x, _x64) = (Upload(x), RandomData.Widen(x));
        (_y, _y64) = (Allocate(Count), new double[Count]);

        DropoutForwardKernel();
    }
}
