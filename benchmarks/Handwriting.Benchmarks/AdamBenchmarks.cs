using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Reference;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Model;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// One Adam step over every parameter of the seed model in one launch, as the trainer takes it
/// (101,770 = 784 x 128 + 128 + 128 x 10 + 10): reads parameters, gradients, m and v; writes
/// parameters, m and v. The batch size does not enter. Each invocation takes another step
/// (at a fixed t), so the values drift, harmlessly: the work per element is the same.
/// </summary>
public class AdamBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const int Step = 10;

    private static readonly AdamSettings Settings = new();

    private ArrayView<float> _parameters, _gradients, _m, _v;
    private double[] _parameters64 = [], _gradients64 = [], _m64 = [], _v64 = [];

    /// <summary>The seed model's parameter count, <see cref="MlpShape.ParameterCount"/>.</summary>
    [ParamsSource(nameof(ParameterCounts))]
    public int Parameters { get; set; }

    public static IEnumerable<int> ParameterCounts => [MlpShape.Seed.ParameterCount];

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long count = benchmarkCase.IntParameter(nameof(Parameters));
        return Work.Elements(read: 4 * count, written: 3 * count);
    }

    [Benchmark(Baseline = true)]
    public void AdamFloat64() => AdamReference.Run(_parameters64, _gradients64, _m64, _v64, Parameters, Settings, Step);

    [Benchmark]
    public void AdamKernel()
    {
        Ops.Variant<Adam>(KernelVariant.Portable).Run(_parameters, _gradients, _m, _v, Parameters, Settings, Step);
        Synchronize();
    }

    /// <summary>The CPU-only SIMD variant at the widest width the hardware accelerates: what the trainer runs on the CPU accelerator.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void AdamSimd() => AdamSimdAt(SimdWidths.Widest);

    /// <summary>The SIMD variant at 128 bits, the width every x64 and ARM64 CPU accelerates.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void AdamSimd128() => AdamSimdAt(SimdWidth.Bits128);

    private void AdamSimdAt(SimdWidth width)
    {
        Ops.Variant<Adam>(KernelVariants.Of(width)).Run(_parameters, _gradients, _m, _v, Parameters, Settings, Step);
        Synchronize();
    }

    protected override void Prepare()
    {
        var parameters = RandomData.Uniform(Parameters, -0.08f, 0.08f, seed: 61);
        var gradients = RandomData.Uniform(Parameters, -0.01f, 0.01f, seed: 62);
        (_parameters, _parameters64) = (Upload(parameters), RandomData.Widen(parameters));
        (_gradients, _gradients64) = (Upload(gradients), RandomData.Widen(gradients));
        (_m, _m64) = (Upload(new float[Parameters]), new double[Parameters]);
        (_v, _v64) = (Upload(new float[Parameters]), new double[Parameters]);

        AdamKernel();
        if (!OnGpu)
        {
            AdamSimd();
            AdamSimd128();
        }
    }
}
