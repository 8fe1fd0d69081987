using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// Assembling one shuffled batch on the device, as the trainer does each step: B rows of I = 784
/// pixels and B labels, picked by index from the 48,000-image training set (two launches).
/// Reads the indices twice, the chosen rows and labels; writes the batch.
/// </summary>
public class GatherBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const int SourceRows = 48_000;

    private static readonly int I = MlpShape.Seed.Inputs;

    private ArrayView<float> _pixels, _batchPixels;
    private ArrayView<int> _labels, _indices, _batchLabels;
    private double[] _pixels64 = [], _batchPixels64 = [];
    private int[] _labels64 = [], _indices64 = [], _batchLabels64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long rows = benchmarkCase.IntParameter(nameof(Batch));
        return Work.Elements(read: 2 * rows + rows * I + rows, written: rows * I + rows);
    }

    [Benchmark(Baseline = true)]
    public void GatherBatchFloat64()
    {
        GatherReference.Rows(_pixels64, _indices64, _batchPixels64, Batch, I);
        GatherReference.Labels(_labels64, _indices64, _batchLabels64, Batch);
    }

    [Benchmark]
    public void GatherBatchKernel()
    {
        Ops.Gather.Rows(_pixels, _indices, _batchPixels, Batch, I);
        Ops.Gather.Labels(_labels, _indices, _batchLabels, Batch);
        Synchronize();
    }

    protected override void Prepare()
    {
        var pixels = RandomData.Uniform(SourceRows * I, 0f, 1f, seed: 81);
        var labels = RandomData.Integers(SourceRows, 10, seed: 82);
        var indices = RandomData.Integers(Batch, SourceRows, seed: 83);
        (_pixels, _pixels64) = (Upload(pixels), RandomData.Widen(pixels));
        (_labels, _labels64) = (Upload(labels), labels);
        (_indices, _indices64) = (Upload(indices), indices);
        (_batchPixels, _batchPixels64) = (Allocate(Batch * I), new double[Batch * I]);
        (_batchLabels, _batchLabels64) = (AllocateIntegers(Batch), new int[Batch]);

        GatherBatchKernel();
    }
}
