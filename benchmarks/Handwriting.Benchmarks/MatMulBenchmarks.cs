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
/// The four matmuls of a training step at the seed model's shapes (B batch, I = 784, H = 128, O = 10):
///   HiddenForward  hidden (B, H) = relu(x (B, I) . W1 (I, H) + b1)   MatMul, bias and ReLU fused
///   OutputForward  logits (B, O) = hidden . W2 (H, O) + b2           MatMul with bias
///   WeightGradient dW1 (I, H) = x^T . dHidden (B, H)                 MatMulTransposeA, summed over the batch
///   InputGradient  dHidden (B, H) = dLogits (B, O) . W2^T            MatMulTransposeB
/// Each category has its kernel and its float64 baseline; Ratio is the kernel's time over the baseline's.
/// </summary>
public class MatMulBenchmarks : DeviceBenchmark, IMeasuredWork
{
    public const string HiddenForward = nameof(HiddenForward);
    public const string OutputForward = nameof(OutputForward);
    public const string WeightGradient = nameof(WeightGradient);
    public const string InputGradient = nameof(InputGradient);

    private static readonly int I = MlpShape.Seed.Inputs;
    private static readonly int H = MlpShape.Seed.Hidden[0];
    private static readonly int O = MlpShape.Seed.Outputs;

    // Float32 on the device and float64 on the host, from the same seeded values. The inputs are
    // x, W1, b1, W2, b2 and the upstream gradients dHiddenIn and dLogits; every op writes its own output.
    private ArrayView<float> _x, _w1, _b1, _w2, _b2, _dHiddenIn, _dLogits, _hidden, _logits, _dW1, _dHidden;
    private double[] _x64 = [], _w164 = [], _b164 = [], _w264 = [], _b264 = [], _dHiddenIn64 = [], _dLogits64 = [];
    private double[] _hidden64 = [], _logits64 = [], _dW164 = [], _dHidden64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        int batch = benchmarkCase.IntParameter(nameof(Batch));
        return benchmarkCase.InCategory(HiddenForward) ? Work.MatMul(batch, I, H)
            : benchmarkCase.InCategory(OutputForward) ? Work.MatMul(batch, H, O)
            : benchmarkCase.InCategory(WeightGradient) ? Work.MatMul(I, batch, H)
            : benchmarkCase.InCategory(InputGradient) ? Work.MatMul(batch, O, H)
            : Work.None;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(HiddenForward)]
    public void HiddenForwardFloat64() =>
        MatMulReference.Run(_x64, _w164, _b164, _hidden64, Batch, I, H, Activation.Relu);

    [Benchmark, BenchmarkCategory(HiddenForward)]
    public void HiddenForwardKernel()
    {
        Ops.MatMul.Run(_x, _w1, _b1, _hidden, Batch, I, H, Activation.Relu);
        Synchronize();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(OutputForward)]
    public void OutputForwardFloat64() =>
        MatMulReference.Run(_hidden64, _w264, _b264, _logits64, Batch, H, O, Activation.None);

    [Benchmark, BenchmarkCategory(OutputForward)]
    public void OutputForwardKernel()
    {
        Ops.MatMul.Run(_hidden, _w2, _b2, _logits, Batch, H, O, Activation.None);
        Synchronize();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(WeightGradient)]
    public void WeightGradientFloat64() =>
        MatMulTransposeAReference.Run(_x64, _dHiddenIn64, _dW164, Batch, I, H);

    [Benchmark, BenchmarkCategory(WeightGradient)]
    public void WeightGradientKernel()
    {
        Ops.MatMulTransposeA.Run(_x, _dHiddenIn, _dW1, Batch, I, H);
        Synchronize();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(InputGradient)]
    public void InputGradientFloat64() =>
        MatMulTransposeBReference.Run(_dLogits64, _w264, _dHidden64, Batch, O, H);

    [Benchmark, BenchmarkCategory(InputGradient)]
    public void InputGradientKernel()
    {
        Ops.MatMulTransposeB.Run(_dLogits, _w2, _dHidden, Batch, O, H);
        Synchronize();
    }

    protected override void Prepare()
    {
        var x = RandomData.Uniform(Batch * I, 0f, 1f, seed: 1);
        var w1 = RandomData.Uniform(I * H, -0.08f, 0.08f, seed: 2);
        var b1 = RandomData.Uniform(H, -0.1f, 0.1f, seed: 3);
        var w2 = RandomData.Uniform(H * O, -0.2f, 0.2f, seed: 4);
        var b2 = RandomData.Uniform(O, -0.1f, 0.1f, seed: 5);
        var dHiddenIn = RandomData.Uniform(Batch * H, -0.01f, 0.01f, seed: 6);
        var dLogits = RandomData.Uniform(Batch * O, -0.03f, 0.03f, seed: 7);

        (_x, _x64) = (Upload(x), RandomData.Widen(x));
        (_w1, _w164) = (Upload(w1), RandomData.Widen(w1));
        (_b1, _b164) = (Upload(b1), RandomData.Widen(b1));
        (_w2, _w264) = (Upload(w2), RandomData.Widen(w2));
        (_b2, _b264) = (Upload(b2), RandomData.Widen(b2));
        (_dHiddenIn, _dHiddenIn64) = (Upload(dHiddenIn), RandomData.Widen(dHiddenIn));
        (_dLogits, _dLogits64) = (Upload(dLogits), RandomData.Widen(dLogits));
        (_hidden, _hidden64) = (Allocate(Batch * H), new double[Batch * H]);
        (_logits, _logits64) = (Allocate(Batch * O), new double[Batch * O]);
        (_dW1, _dW164) = (Allocate(I * H), new double[I * H]);
        (_dHidden, _dHidden64) = (Allocate(Batch * H), new double[Batch * H]);

        HiddenForwardKernel();
        OutputForwardKernel();
        WeightGradientKernel();
        InputGradientKernel();
    }
}
