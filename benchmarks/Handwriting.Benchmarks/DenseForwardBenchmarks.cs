using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// <see cref="DenseForward"/> at the seed model's hidden layer (B batch, I = 784, H = 128):
/// hidden (B, H) = dropout(relu(x[rows] . W1 + b1)), the batch gathered from a dataset as it is
/// read. Its variants side by side against <see cref="DenseForwardReference"/>: the portable kernel
/// (<see cref="DenseForwardKernel"/>, what the CPU accelerator runs when it is forced) and the
/// shared-memory tile kernel (<see cref="DenseForwardTiledKernel"/>, what it launches on GPUs),
/// each on the accelerators of its <see cref="RunsOnAttribute"/>.
/// </summary>
public class DenseForwardBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const float Rate = 0.2f;
    private const int DatasetRows = 4096;
    private static readonly int I = MlpShape.Seed.Inputs;
    private static readonly int H = MlpShape.Seed.Hidden[0];

    private ArrayView<float> _dataset, _w1, _b1, _hidden;
    private ArrayView<int> _rows;
    private double[] _dataset64 = [], _w164 = [], _b164 = [], _hidden64 = [];
    private int[] _rowIndices = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase) => Work.MatMul(benchmarkCase.IntParameter(nameof(Batch)), I, H);

    [Benchmark(Baseline = true)]
    public void DenseForwardFloat64() =>
        DenseForwardReference.Run(_dataset64, _rowIndices, _w164, _b164, _hidden64, Batch, I, H, Activation.Relu, new DropoutSettings(Rate, 1, 2));

    /// <summary>The portable kernel (what the CPU accelerator runs with HANDWRITING_CPU_KERNELS=portable).</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void DenseForwardPortable()
    {
        Ops.Variant<DenseForward>(KernelVariant.Portable).Run(_dataset, _rows, _w1, _b1, _hidden, Batch, I, H, Activation.Relu, new DropoutSettings(Rate, 1, 2));
        Synchronize();
    }

    /// <summary>The shared-memory tile kernel, on GPUs only, where the op launches it.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cuda, AcceleratorKind.OpenCL)]
    public void DenseForwardTiled()
    {
        Ops.Variant<DenseForward>(KernelVariant.Tiled).Run(_dataset, _rows, _w1, _b1, _hidden, Batch, I, H, Activation.Relu, new DropoutSettings(Rate, 1, 2));
        Synchronize();
    }

    /// <summary>The CPU-only SIMD variant at the widest width the hardware accelerates: what the trainer runs on the CPU accelerator.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void DenseForwardSimd() => DenseForwardSimdAt(SimdWidths.Widest);

    /// <summary>The SIMD variant at 128 bits, the width every x64 and ARM64 CPU accelerates.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void DenseForwardSimd128() => DenseForwardSimdAt(SimdWidth.Bits128);

    protected override void Prepare()
    {
        var dataset = RandomData.Uniform(DatasetRows * I, 0f, 1f, seed: 11);
        var w1 = RandomData.Uniform(I * H, -0.08f, 0.08f, seed: 12);
        var b1 = RandomData.Uniform(H, -0.1f, 0.1f, seed: 13);
        var shuffle = new Random(17);
        _rowIndices = Enumerable.Range(0, Batch).Select(_ => shuffle.Next(DatasetRows)).ToArray();

        (_dataset, _dataset64) = (Upload(dataset), RandomData.Widen(dataset));
        (_w1, _w164) = (Upload(w1), RandomData.Widen(w1));
        (_b1, _b164) = (Upload(b1), RandomData.Widen(b1));
        _rows = Upload(_rowIndices);
        (_hidden, _hidden64) = (Allocate(Batch * H), new double[Batch * H]);

        if (OnGpu)
        {
            DenseForwardTiled();
            return;
        }

        DenseForwardPortable();
        DenseForwardSimd();
        DenseForwardSimd128();
    }

    private void DenseForwardSimdAt(SimdWidth width)
    {
        Ops.Variant<DenseForward>(KernelVariants.Of(width)).Run(_dataset, _rows, _w1, _b1, _hidden, Batch, I, H, Activation.Relu, new DropoutSettings(Rate, 1, 2));
        Synchronize();
    }
}
