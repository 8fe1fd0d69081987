using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// Reading a batch of images from the dataset's bytes into floats, as a training step does
/// through the shuffled indices (batch 32, 128) and evaluation does for its 1,000-row chunks.
/// Reads a byte per pixel and writes a float.
/// </summary>
public class PixelBatchBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const int SourceRows = 48_000;
    private const int Pixels = 784;

    private ArrayView<byte> _pixels;
    private ArrayView<int> _rows;
    private ArrayView<float> _batch;
    private byte[] _pixels64 = [];
    private int[] _rows64 = [];
    private double[] _batch64 = [];

    [Params(32, 128, 1000)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long rows = benchmarkCase.IntParameter(nameof(Batch));
        return Work.Elements(read: rows + (rows * Pixels / 4), written: rows * Pixels);
    }

    [Benchmark(Baseline = true)]
    public void PixelBatchFloat64() => PixelBatchReference.Run(_pixels64, _rows64, _batch64, Batch, Pixels);

    /// <summary>The portable kernel, on any accelerator.</summary>
    [Benchmark]
    public void PixelBatchPortable()
    {
        Ops.Variant<PixelBatch>(KernelVariant.Portable).Run(_pixels, _rows, _batch, Batch, Pixels);
        Synchronize();
    }

    /// <summary>The CPU-only body (a table lookup per pixel): what the trainer runs on the CPU accelerator.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void PixelBatchSimd()
    {
        Ops.Variant<PixelBatch>(KernelVariants.WidestSimd).Run(_pixels, _rows, _batch, Batch, Pixels);
        Synchronize();
    }

    protected override void Prepare()
    {
        var pixels = RandomData.Bytes(SourceRows * Pixels, seed: 84);
        var rows = RandomData.Integers(Batch, SourceRows, seed: 85);
        (_pixels, _pixels64) = (Upload(pixels), pixels);
        (_rows, _rows64) = (Upload(rows), rows);
        (_batch, _batch64) = (Allocate((long)Batch * Pixels), new double[Batch * Pixels]);

        PixelBatchPortable();
        if (!OnGpu)
        {
            PixelBatchSimd();
        }
    }
}
