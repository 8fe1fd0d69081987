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
/// <see cref="WeightGradient"/> at the seed model's hidden layer (B batch, I = 784, H = 128):
/// [dW1; db1] ((I + 1), H) = x[rows]^T . dHidden and its column sums, the batch gathered from a
/// dataset as it is read. Its variants side by side against <see cref="WeightGradientReference"/>:
/// the portable kernel (<see cref="WeightGradientKernel"/>, what the CPU accelerator runs when it
/// is forced), the SIMD bodies and the shared-memory tile kernel (<see cref="WeightGradientTiledKernel"/>, what
/// it launches on GPUs), each on the accelerators of its <see cref="RunsOnAttribute"/>.
/// </summary>
public class WeightGradientBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const int DatasetRows = 4096;
    private static readonly int I = MlpShape.Seed.Inputs;
    private static readonly int H = MlpShape.Seed.Hidden[0];

    private ArrayView<float> _dataset, _dHidden, _gradient;
    private ArrayView<int> _rows;
    private double[] _dataset64 = [], _dHidden64 = [], _gradient64 = [];
    private int[] _rowIndices = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase) => Work.MatMul(I, benchmarkCase.IntParameter(nameof(Batch)), H);

    [Benchmark(Baseline = true)]
    public void WeightGradientFloat64() => WeightGradientReference.Run(_dataset64, _rowIndices, _dHidden64, _gradient64, Batch, I, H);

    /// <summary>The portable kernel (what the CPU accelerator runs with HANDWRITING_CPU_KERNELS=portable).</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void WeightGradientPortable()
    {
        Ops.Variant<WeightGradient>(KernelVariant.Portable).Run(_dataset, _rows, _dHidden, _gradient, Batch, I, H);
        Synchronize();
    }

    /// <summary>The shared-memory tile kernel, on GPUs only, where the op launches it.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cuda, AcceleratorKind.OpenCL)]
    public void WeightGradientTiled()
    {
        Ops.Variant<WeightGradient>(KernelVariant.Tiled).Run(_dataset, _rows, _dHidden, _gradient, Batch, I, H);
        Synchronize();
    }

    /// <summary>The CPU-only SIMD variant at the widest width the hardware accelerates: what the trainer runs on the CPU accelerator.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void WeightGradientSimd() => WeightGradientSimdAt(SimdWidths.Widest);

    /// <summary>The SIMD variant at 128 bits, the width every x64 and ARM64 CPU accelerates.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void WeightGradientSimd128() => WeightGradientSimdAt(SimdWidth.Bits128);

    private void WeightGradientSimdAt(SimdWidth width)
    {
        Ops.Variant<WeightGradient>(KernelVariants.Of(width)).Run(_dataset, _rows, _dHidden, _gradient, Batch, I, H);
        Synchronize();
    }

    protected override void Prepare()
    {
        var dataset = RandomData.Uniform(DatasetRows * I, 0f, 1f, seed: 11);
        var dHidden = RandomData.Uniform(Batch * H, -0.01f, 0.01f, seed: 15);
        var shuffle = new Random(17);
        _rowIndices = Enumerable.Range(0, Batch).Select(_ => shuffle.Next(DatasetRows)).ToArray();

        (_dataset, _dataset64) = (Upload(dataset), RandomData.Widen(dataset));
        (_dHidden, _dHidden64) = (Upload(dHidden), RandomData.Widen(dHidden));
        _rows = Upload(_rowIndices);
        (_gradient, _gradient64) = (Allocate((I + 1) * H), new double[(I + 1) * H]);

        if (OnGpu)
        {
            WeightGradientTiled();
            return;
        }

        WeightGradientPortable();
        WeightGradientSimd();
        WeightGradientSimd128();
    }
}
