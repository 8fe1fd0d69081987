using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// The hidden layer's forward matmul over the whole test set in one launch, as an evaluation
/// pass sees it: hidden (Rows, H) = relu(x (Rows, I) . W1 (I, H) + b1) with Rows = 10,000,
/// I = 784, H = 128: 2.0 GFLOP, large enough to show what the kernel does once launch cost is gone.
/// </summary>
public class EvaluationMatMulBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const int WarmUpRows = 4;

    private static readonly int I = MlpShape.Seed.Inputs;
    private static readonly int H = MlpShape.Seed.Hidden[0];

    private ArrayView<float> _x, _w1, _b1, _hidden;
    private double[] _x64 = [], _w164 = [], _b164 = [], _hidden64 = [];

    /// <summary>The MNIST test set.</summary>
    [Params(10_000)]
    public int Rows { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase) =>
        Work.MatMul(benchmarkCase.IntParameter(nameof(Rows)), I, H);

    [Benchmark(Baseline = true)]
    public void HiddenForwardFloat64() =>
        MatMulReference.Run(_x64, _w164, _b164, _hidden64, Rows, I, H, Activation.Relu);

    [Benchmark]
    public void HiddenForwardKernel()
    {
        Ops.MatMul.Run(_x, _w1, _b1, _hidden, Rows, I, H, Activation.Relu);
        Synchronize();
    }

    protected override void Prepare()
    {
        var x = RandomData.Uniform(Rows * I, 0f, 1f, seed: 11);
        var w1 = RandomData.Uniform(I * H, -0.08f, 0.08f, seed: 12);
        var b1 = RandomData.Uniform(H, -0.1f, 0.1f, seed: 13);
        (_x, _x64) = (Upload(x), RandomData.Widen(x));
        (_w1, _w164) = (Upload(w1), RandomData.Widen(w1));
        (_b1, _b164) = (Upload(b1), RandomData.Widen(b1));
        (_hidden, _hidden64) = (Allocate(Rows * H), new double[Rows * H]);

        // Compiles the kernel; a few rows do that as well as 10,000 and take milliseconds, not seconds.
        Ops.MatMul.Run(_x.SubView(0, WarmUpRows * I), _w1, _b1, _hidden.SubView(0, WarmUpRows * H), WarmUpRows, I, H, Activation.Relu);
    }
}
