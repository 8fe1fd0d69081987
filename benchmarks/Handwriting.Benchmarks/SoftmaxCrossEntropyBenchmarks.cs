using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// The fused softmax cross-entropy on a batch's logits (B, O), O = 10: reads the logits and the
/// labels, writes each row's loss and correctness and the gradient dLogits (B, O).
/// </summary>
public class SoftmaxCrossEntropyBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private static readonly int O = MlpShape.Seed.Outputs;

    private ArrayView<float> _logits, _losses, _correct, _dlogits;
    private ArrayView<int> _labels;
    private double[] _logits64 = [], _losses64 = [], _correct64 = [], _dlogits64 = [];
    private int[] _labels64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long rows = benchmarkCase.IntParameter(nameof(Batch));
        return Work.Elements(read: rows * O + rows, written: rows + rows + rows * O);
    }

    [Benchmark(Baseline = true)]
    public void SoftmaxCrossEntropyFloat64() =>
        SoftmaxCrossEntropyReference.Run(_logits64, _labels64, _losses64, _correct64, _dlogits64, Batch, O);

    [Benchmark]
    public void SoftmaxCrossEntropyKernel()
    {
        Ops.Variant<SoftmaxCrossEntropy>(KernelVariant.Portable).Run(_logits, _labels, _losses, _correct, _dlogits, Batch, O);
        Synchronize();
    }

    /// <summary>The CPU-only variant (scalar over raw pointers: the width only names the launch), what the trainer runs on the CPU accelerator.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void SoftmaxCrossEntropySimd()
    {
        Ops.Variant<SoftmaxCrossEntropy>(KernelVariants.WidestSimd).Run(_logits, _labels, _losses, _correct, _dlogits, Batch, O);
        Synchronize();
    }

    protected override void Prepare()
    {
        var logits = RandomData.Uniform(Batch * O, -5f, 5f, seed: 51);
        var labels = RandomData.Integers(Batch, O, seed: 52);
        (_logits, _logits64) = (Upload(logits), RandomData.Widen(logits));
        (_labels, _labels64) = (Upload(labels), labels);
        (_losses, _losses64) = (Allocate(Batch), new double[Batch]);
        (_correct, _correct64) = (Allocate(Batch), new double[Batch]);
        (_dlogits, _dlogits64) = (Allocate(Batch * O), new double[Batch * O]);

        SoftmaxCrossEntropyKernel();
        if (!OnGpu)
        {
            SoftmaxCrossEntropySimd();
        }
    }
}
