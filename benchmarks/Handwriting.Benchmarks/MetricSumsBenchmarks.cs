using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// An epoch's metric sums: the total loss and number correct over the 48,000 training images
/// (Keras's validation_split = 0.2 of 60,000). Reads two floats per image, writes two. On a
/// device this is two launches (partial sums, then one thread adds them).
/// </summary>
public class MetricSumsBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private ArrayView<float> _losses, _correct, _totals;
    private double[] _losses64 = [], _correct64 = [], _totals64 = [];

    [Params(48_000)]
    public int Count { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase) =>
        Work.Elements(read: 2L * benchmarkCase.IntParameter(nameof(Count)), written: 2);

    [Benchmark(Baseline = true)]
    public void MetricSumsFloat64() => MetricSumsReference.Run(_losses64, _correct64, _totals64, Count);

    [Benchmark]
    public void MetricSumsKernel()
    {
        Ops.MetricSums.Run(_losses, _correct, _totals, Count);
        Synchronize();
    }

    protected override void Prepare()
    {
        var losses = RandomData.Uniform(Count, 0f, 2.5f, seed: 71);
        var correct = Array.ConvertAll(RandomData.Integers(Count, 10, seed: 72), digit => digit < 9 ? 1f : 0f);
        (_losses, _losses64) = (Upload(losses), RandomData.Widen(losses));
        (_correct, _correct64) = (Upload(correct), RandomData.Widen(correct));
        (_totals, _totals64) = (Allocate(2), new double[2]);

        MetricSumsKernel();
    }
}
