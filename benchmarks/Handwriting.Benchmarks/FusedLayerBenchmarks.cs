using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// The fused kernels the trainer runs, at the seed model's hidden layer (B batch, I = 784, H = 128, O = 10):
///   DenseForward    hidden (B, H) = dropout(relu(x[rows] . W1 + b1))      gather, matmul, bias, ReLU, dropout
///   WeightGradient  [dW1; db1] ((I + 1), H) = x[rows]^T . dHidden, sums   gather, A^T.B and the bias row
///   InputGradient   dz (B, H) = mask(hidden) * dLogits . W2^T / (1 - p)   A.B^T, dropout and ReLU backward
/// Each is compared with the float64 reference ops it fuses, run one after another.
/// </summary>
public class FusedLayerBenchmarks : DeviceBenchmark, IMeasuredWork
{
    public const string DenseForward = nameof(DenseForward);
    public const string WeightGradient = nameof(WeightGradient);
    public const string InputGradient = nameof(InputGradient);

    private const float Rate = 0.2f;
    private const int DatasetRows = 4096;
    private static readonly int I = MlpShape.Seed.Inputs;
    private static readonly int H = MlpShape.Seed.Hidden[0];
    private static readonly int O = MlpShape.Seed.Outputs;

    private ArrayView<float> _dataset, _w1, _b1, _w2, _dHidden, _dLogits, _hidden, _gradient, _dz;
    private ArrayView<int> _rows;
    private double[] _dataset64 = [], _w164 = [], _b164 = [], _w264 = [], _dHidden64 = [], _dLogits64 = [];
    private double[] _gathered64 = [], _relu64 = [], _hidden64 = [], _dW64 = [], _db64 = [], _throughW64 = [], _throughDropout64 = [], _dz64 = [];
    private int[] _rowIndices = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        int batch = benchmarkCase.IntParameter(nameof(Batch));
        return benchmarkCase.InCategory(DenseForward) ? Work.MatMul(batch, I, H)
            : benchmarkCase.InCategory(WeightGradient) ? Work.MatMul(I, batch, H)
            : benchmarkCase.InCategory(InputGradient) ? Work.MatMul(batch, O, H)
            : Work.None;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(DenseForward)]
    public void DenseForwardFloat64()
    {
        GatherReference.Rows(_dataset64, _rowIndices, _gathered64, Batch, I);
        MatMulReference.Run(_gathered64, _w164, _b164, _relu64, Batch, I, H, Activation.Relu);
        DropoutReference.Forward(_relu64, _hidden64, Batch * H, Rate, 1, 2);
    }

    [Benchmark, BenchmarkCategory(DenseForward)]
    public void DenseForwardKernel()
    {
        Ops.DenseForward.Run(_dataset, _rows, _w1, _b1, _hidden, Batch, I, H, Activation.Relu, new DropoutSettings(Rate, 1, 2));
        Synchronize();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(WeightGradient)]
    public void WeightGradientFloat64()
    {
        GatherReference.Rows(_dataset64, _rowIndices, _gathered64, Batch, I);
        MatMulTransposeAReference.Run(_gathered64, _dHidden64, _dW64, Batch, I, H);
        BiasGradientReference.Run(_dHidden64, _db64, Batch, H);
    }

    [Benchmark, BenchmarkCategory(WeightGradient)]
    public void WeightGradientKernel()
    {
        Ops.WeightGradient.Run(_dataset, _rows, _dHidden, _gradient, Batch, I, H);
        Synchronize();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(InputGradient)]
    public void InputGradientFloat64()
    {
        MatMulTransposeBReference.Run(_dLogits64, _w264, _throughW64, Batch, O, H);
        DropoutReference.Backward(_throughW64, _throughDropout64, Batch * H, Rate, 1, 2);
        ReluBackwardReference.Run(_throughDropout64, _relu64, _dz64, Batch * H);
    }

    [Benchmark, BenchmarkCategory(InputGradient)]
    public void InputGradientKernel()
    {
        Ops.InputGradient.Run(_dLogits, _w2, _hidden, _dz, Batch, O, H, Rate);
        Synchronize();
    }

    protected override void Prepare()
    {
        var dataset = RandomData.Uniform(DatasetRows * I, 0f, 1f, seed: 11);
        var w1 = RandomData.Uniform(I * H, -0.08f, 0.08f, seed: 12);
        var b1 = RandomData.Uniform(H, -0.1f, 0.1f, seed: 13);
        var w2 = RandomData.Uniform(H * O, -0.2f, 0.2f, seed: 14);
        var dHidden = RandomData.Uniform(Batch * H, -0.01f, 0.01f, seed: 15);
        var dLogits = RandomData.Uniform(Batch * O, -0.03f, 0.03f, seed: 16);
        var shuffle = new Random(17);
        _rowIndices = Enumerable.Range(0, Batch).Select(_ => shuffle.Next(DatasetRows)).ToArray();

        (_dataset, _dataset64) = (Upload(dataset), RandomData.Widen(dataset));
        (_w1, _w164) = (Upload(w1), RandomData.Widen(w1));
        (_b1, _b164) = (Upload(b1), RandomData.Widen(b1));
        (_w2, _w264) = (Upload(w2), RandomData.Widen(w2));
        (_dHidden, _dHidden64) = (Upload(dHidden), RandomData.Widen(dHidden));
        (_dLogits, _dLogits64) = (Upload(dLogits), RandomData.Widen(dLogits));
        _rows = Upload(_rowIndices);
        _hidden = Allocate(Batch * H);
        _gradient = Allocate((I + 1) * H);
        _dz = Allocate(Batch * H);
        _gathered64 = new double[Batch * I];
        _relu64 = new double[Batch * H];
        _hidden64 = new double[Batch * H];
        _dW64 = new double[I * H];
        _db64 = new double[H];
        _throughW64 = new double[Batch * H];
        _throughDropout64 = new double[Batch * H];
        _dz64 = new double[Batch * H];

        DenseForwardKernel();
        WeightGradientKernel();
        InputGradientKernel();
    }
}
