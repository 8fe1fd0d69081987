using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// The hidden layer's bias gradient: db1 (H) = column sums of dHidden (B, H), H = 128.
/// Reads B x H floats, writes H.
/// </summary>
public class BiasGradientBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private static readonly int H = MlpShape.Seed.Hidden[0];

    private ArrayView<float> _dy, _dbias;
    private double[] _dy64 = [], _dbias64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase) =>
        Work.Elements(read: (long)benchmarkCase.IntParameter(nameof(Batch)) * H, written: H);

    [Benchmark(Baseline = true)]
    public void BiasGradientFloat64() => BiasGradientReference.Run(_dy64, _dbias64, Batch, H);

    [Benchmark]
    public void BiasGradientKernel()
    {
        Ops.BiasGradient.Run(_dy, _dbias, Batch, H);
        Synchronize();
    }

    protected override void Prepare()
    {
        var dy = RandomData.Uniform(Batch * H, -0.01f, 0.01f, seed: 21);
        (_dy, _dy64) = (Upload(dy), RandomData.Widen(dy));
        (_dbias, _dbias64) = (Allocate(H), new double[H]);

        BiasGradientKernel();
    }
}
