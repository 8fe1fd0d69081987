using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// Gathering labels by index on the device, as the trainer does once per epoch for the shuffled
/// order of the 48,000-image training set. Reads the indices and the chosen labels; writes them.
/// </summary>
public class GatherBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const int SourceRows = 48_000;

    private ArrayView<int> _labels, _indices, _batchLabels;
    private int[] _labels64 = [], _indices64 = [], _batchLabels64 = [];

    [Params(32, 1024, SourceRows)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long rows = benchmarkCase.IntParameter(nameof(Batch));
        return Work.Elements(read: 2 * rows, written: rows);
    }

    [Benchmark(Baseline = true)]
    public void GatherLabelsFloat64() => GatherReference.Labels(_labels64, _indices64, _batchLabels64, Batch);

    [Benchmark]
    public void GatherLabelsKernel()
    {
        Ops.Gather.Labels(_labels, _indices, _batchLabels, Batch);
        Synchronize();
    }

    protected override void Prepare()
    {
        var labels = RandomData.Integers(SourceRows, 10, seed: 82);
        var indices = RandomData.Integers(Batch, SourceRows, seed: 83);
        (_labels, _labels64) = (Upload(labels), labels);
        (_indices, _indices64) = (Upload(indices), indices);
        (_batchLabels, _batchLabels64) = (AllocateIntegers(Batch), new int[Batch]);

        GatherLabelsKernel();
    }
}
