using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// The gradient through the hidden layer's ReLU: dx = y > 0 ? dy : 0 over B x H elements
/// (H = 128), about half of y zero. Reads dy and y, writes dx.
/// </summary>
public class ReluBackwardBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private static readonly int H = MlpShape.Seed.Hidden[0];

    private ArrayView<float> _dy, _y, _dx;
    private double[] _dy64 = [], _y64 = [], _dx64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    private int Count => Batch * H;

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long count = (long)benchmarkCase.IntParameter(nameof(Batch)) * H;
        return Work.Elements(read: 2 * count, written: count);
    }

    [Benchmark(Baseline = true)]
    public void ReluBackwardFloat64() => ReluBackwardReference.Run(_dy64, _y64, _dx64, Count);

    [Benchmark]
    public void ReluBackwardKernel()
    {
        Ops.ReluBackward.Run(_dy, _y, _dx, Count);
        Synchronize();
    }

    protected override void Prepare()
    {
        var dy = RandomData.Uniform(Count, -0.01f, 0.01f, seed: 31);
        var y = Array.ConvertAll(RandomData.Uniform(Count, -1f, 1f, seed: 32), value => Math.Max(0f, value));
        (_dy, _dy64) = (Upload(dy), RandomData.Widen(dy));
        (_y, _y64) = (Upload(y), RandomData.Widen(y));
        (_dx, _dx64) = (Allocate(Count), new double[Count]);

        ReluBackwardKernel();
    }
}
