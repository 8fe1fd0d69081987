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
/// <see cref="InputGradient"/> at the seed model's output layer (B batch, H = 128, O = 10):
/// dz (B, H) = mask(hidden) * dLogits . W2^T / (1 - p), where hidden is the ReLU-and-dropout
/// output of the forward pass. The kernel against <see cref="InputGradientReference"/>.
/// </summary>
public class InputGradientBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const float Rate = 0.2f;
    private static readonly int H = MlpShape.Seed.Hidden[0];
    private static readonly int O = MlpShape.Seed.Outputs;

    private ArrayView<float> _w2, _dLogits, _hidden, _dz;
    private double[] _w264 = [], _dLogits64 = [], _hidden64 = [], _dz64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    public static Work WorkOf(BenchmarkCase benchmarkCase) => Work.MatMul(benchmarkCase.IntParameter(nameof(Batch)), O, H);

    [Benchmark(Baseline = true)]
    public void InputGradientFloat64() => InputGradientReference.Run(_dLogits64, _w264, _hidden64, _dz64, Batch, O, H, Rate);

    [Benchmark]
    public void InputGradientKernel()
    {
        Ops.Variant<InputGradient>(KernelVariant.Portable).Run(_dLogits, _w2, _hidden, _dz, Batch, O, H, Rate);
        Synchronize();
    }

    /// <summary>The CPU-only SIMD variant at the widest width the hardware accelerates: what the trainer runs on the CPU accelerator.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void InputGradientSimd() => InputGradientSimdAt(SimdWidths.Widest);

    /// <summary>The SIMD variant at 128 bits, the width every x64 and ARM64 CPU accelerates.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void InputGradientSimd128() => InputGradientSimdAt(SimdWidth.Bits128);

    private void InputGradientSimdAt(SimdWidth width)
    {
        Ops.Variant<InputGradient>(KernelVariants.Of(width)).Run(_dLogits, _w2, _hidden, _dz, Batch, O, H, Rate);
        Synchronize();
    }

    protected override void Prepare()
    {
        var w2 = RandomData.Uniform(H * O, -0.2f, 0.2f, seed: 14);
        var dLogits = RandomData.Uniform(Batch * O, -0.03f, 0.03f, seed: 16);

        // A hidden output as the forward pass leaves it: negative halves become ReLU's zeros.
        var hidden = RandomData.Uniform(Batch * H, -1f, 1f, seed: 18).Select(v => Math.Max(0f, v)).ToArray();
        (_w2, _w264) = (Upload(w2), RandomData.Widen(w2));
        (_dLogits, _dLogits64) = (Upload(dLogits), RandomData.Widen(dLogits));
        (_hidden, _hidden64) = (Upload(hidden), RandomData.Widen(hidden));
        (_dz, _dz64) = (Allocate(Batch * H), new double[Batch * H]);

        InputGradientKernel();
        if (!OnGpu)
        {
            InputGradientSimd();
            InputGradientSimd128();
        }
    }
}
