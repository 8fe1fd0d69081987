using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Reference;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// One whole training step of the seed model (784-128-10, dropout 0.2, Adam) on a batch of B
/// images read through row indices from a dataset, as the trainer takes it
/// (<see cref="DeviceNetwork.TrainStep"/>): forward, softmax cross-entropy, backward, Adam. The
/// step's three ways side by side against <see cref="ReferenceNetwork"/> (float64): the fused
/// CPU-only step (<see cref="CpuTrainingStep"/>, one launch with spin barriers: what the trainer
/// runs on the CPU accelerator), the same SIMD ops as separate launches (8 a step: what fusing
/// saves), and the portable kernels' separate launches (what a GPU runs, and the CPU accelerator
/// with HANDWRITING_CPU_KERNELS=portable). Each invocation takes another step, so the parameters
/// drift, harmlessly: the work is the same.
/// </summary>
public class TrainingStepBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const float Rate = 0.2f;
    private const int DatasetRows = 4096;
    private const uint Seed = 5;
    private static readonly MlpShape Shape = MlpShape.Seed;
    private static readonly AdamSettings Adam = new();

    private DeviceNetwork? _network;
    private ReferenceNetwork? _reference;
    private ArrayView<byte> _dataset;
    private ArrayView<float> _losses, _correct;
    private ArrayView<int> _rows, _labels;
    private double[] _batch64 = [];
    private int[] _labelValues = [];

    [Params(32, 128)]
    public int Batch { get; set; }

    /// <summary>Forward and backward are three (B x 784 x 128) and three (B x 128 x 10) products, less the input gradient of the first layer.</summary>
    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long batch = benchmarkCase.IntParameter(nameof(Batch));
        var hidden = Work.MatMul(batch, Shape.Inputs, Shape.Hidden[0]);
        var output = Work.MatMul(batch, Shape.Hidden[0], Shape.Outputs);
        return new Work((2 * hidden.Flops) + (3 * output.Flops), 0);
    }

    [Benchmark(Baseline = true)]
    public void TrainingStepFloat64()
    {
        var reference = _reference!;
        reference.Forward(_batch64, Batch, Rate, Seed, 1);
        reference.Loss(_labelValues, Batch);
        reference.Backward(_batch64, Batch, Rate);
        reference.AdamStep(Adam);
    }

    /// <summary>The fused step at the widest SIMD width: one launch.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void TrainingStepFused()
    {
        Ops.Simd = SimdWidths.Widest;
        Step();
    }

    /// <summary>The SIMD ops at the widest width, each its own launch (forward per layer, loss, backward per layer, Adam).</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void TrainingStepSimdLaunches()
    {
        Ops.Simd = SimdWidths.Widest;
        var network = _network!;
        network.ReadBatch(_dataset, _rows, Batch);
        network.Forward(network.Input(Batch), Batch, Rate, Seed, 1);
        network.Loss(_labels, _losses, _correct, Batch);
        network.Backward(network.Input(Batch), Batch, Rate);
        network.AdamStep(Adam);
        Synchronize();
    }

    /// <summary>The portable kernels, separate launches: the step a GPU takes.</summary>
    [Benchmark]
    public void TrainingStepPortable()
    {
        Ops.Simd = null;
        Step();
    }

    protected override void Prepare()
    {
        var dataset = RandomData.Bytes(DatasetRows * Shape.Inputs, seed: 71);
        var shuffle = new Random(72);
        int[] rows = Enumerable.Range(0, Batch).Select(_ => shuffle.Next(DatasetRows)).ToArray();
        _labelValues = RandomData.Integers(Batch, Shape.Outputs, seed: 73);
        float[] parameters = GlorotUniform.Initialize(Shape, seed: 74);

        _dataset = Upload(dataset);
        _rows = Upload(rows);
        _labels = Upload(_labelValues);
        _losses = Allocate(Batch);
        _correct = Allocate(Batch);
        _network = Own(new DeviceNetwork(Device, Shape, parameters, capacity: Batch));
        _reference = new ReferenceNetwork(Shape, parameters);
        _batch64 = new double[Batch * Shape.Inputs];
        PixelBatchReference.Run(dataset, rows, _batch64, Batch, Shape.Inputs);

        TrainingStepPortable();
        if (!OnGpu)
        {
            TrainingStepSimdLaunches();
            TrainingStepFused();
        }

        Ops.Simd = null;
    }

    private void Step()
    {
        _network!.TrainStep(_dataset, _rows, _labels, _losses, _correct, Batch, Rate, Seed, 1, Adam);
        Synchronize();
    }
}
