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
using ILGPU.Runtime;

namespace Handwriting.Benchmarks;

/// <summary>
/// One whole training step of the seed model (784-128-10, dropout 0.2, Adam) on a batch of B
/// images read through row indices from a dataset, as the trainer takes it
/// (<see cref="DeviceNetwork.TrainStep"/>): forward, softmax cross-entropy, backward, Adam. The
/// step's three ways side by side against <see cref="ReferenceNetwork"/> (float64): the fused
/// CPU-only step (<see cref="CpuTrainingStep"/>, one launch with spin barriers: what the trainer
/// runs on the CPU accelerator), the same SIMD ops as separate launches (8 a step: what fusing
/// saves), and the portable kernels' separate launches (what a GPU runs, tiles aside, and the CPU
/// accelerator with HANDWRITING_CPU_KERNELS=portable: a second device opened with them forced). Each invocation takes another step, so the parameters
/// drift, harmlessly: the work is the same.
/// </summary>
public class TrainingStepBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const float Rate = 0.2f;
    private const int DatasetRows = 4096;
    private const uint Seed = 5;
    private static readonly MlpShape Shape = MlpShape.Seed;
    private static readonly AdamSettings Adam = new();

    private StepInputs? _chosen, _portable;
    private ReferenceNetwork? _reference;
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
    public void TrainingStepFloat64() => _reference!.TrainStep(_batch64, _labelValues, Batch, Rate, Seed, 1, Adam);

    /// <summary>The fused step at the widest SIMD width: one launch, the step the CPU device chose.</summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void TrainingStepFused() => _chosen!.Step(Batch);

    /// <summary>
    /// The same SIMD ops, each its own launch (forward per layer, loss, backward per layer, Adam):
    /// what fusing saves. The network's passes launch the ops the device chose one by one; only
    /// its TrainStep fuses them.
    /// </summary>
    [Benchmark]
    [RunsOn(AcceleratorKind.Cpu)]
    public void TrainingStepSimdLaunches() => _chosen!.SeparatePasses(Batch);

    /// <summary>The portable kernels, separate launches: the step a GPU takes (on a GPU, its own step, with tiles).</summary>
    [Benchmark]
    public void TrainingStepPortable() => (_portable ?? _chosen)!.Step(Batch);

    protected override void Prepare()
    {
        var dataset = RandomData.Bytes(DatasetRows * Shape.Inputs, seed: 71);
        var shuffle = new Random(72);
        int[] rows = Enumerable.Range(0, Batch).Select(_ => shuffle.Next(DatasetRows)).ToArray();
        _labelValues = RandomData.Integers(Batch, Shape.Outputs, seed: 73);
        float[] parameters = GlorotUniform.Initialize(Shape, seed: 74);
        _reference = new ReferenceNetwork(Shape, parameters);
        _batch64 = new double[Batch * Shape.Inputs];
        PixelBatchReference.Run(dataset, rows, _batch64, Batch, Shape.Inputs);

        _chosen = Own(new StepInputs(Device, dataset, rows, _labelValues, parameters));
        if (!OnGpu)
        {
            _portable = Own(new StepInputs(null, dataset, rows, _labelValues, parameters));
            TrainingStepSimdLaunches();
            TrainingStepFused();
        }

        TrainingStepPortable();
    }

    /// <summary>A network and one batch on the device given, or (given null) on a CPU device of its own with the portable kernels forced.</summary>
    private sealed class StepInputs : IDisposable
    {
        private readonly ComputeDevice _device;
        private readonly bool _ownsDevice;
        private readonly MemoryBuffer1D<byte, Stride1D.Dense> _dataset;
        private readonly MemoryBuffer1D<float, Stride1D.Dense> _losses, _correct;
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _rows, _labels;
        private readonly DeviceNetwork _network;

        public StepInputs(ComputeDevice? device, byte[] dataset, int[] rows, int[] labels, float[] parameters)
        {
            _ownsDevice = device is null;
            _device = device ?? ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariant.Portable);
            device = _device;
            _dataset = device.Accelerator.Allocate1D(dataset);
            _rows = device.Accelerator.Allocate1D(rows);
            _labels = device.Accelerator.Allocate1D(labels);
            _losses = device.Accelerator.Allocate1D<float>(rows.Length);
            _correct = device.Accelerator.Allocate1D<float>(rows.Length);
            _network = new DeviceNetwork(device, Shape, parameters, capacity: rows.Length);
        }

        /// <summary>Each invocation takes another step, so the parameters drift, harmlessly: the work is the same.</summary>
        public void Step(int batch)
        {
            _network.TrainStep(_dataset.View, _rows.View, _labels.View, _losses.View, _correct.View, batch, Rate, Seed, 1, Adam);
            _device.Accelerator.Synchronize();
        }

        public void SeparatePasses(int batch)
        {
            _network.ReadBatch(_dataset.View, _rows.View, batch);
            _network.Forward(_network.Input(batch), batch, Rate, Seed, 1);
            _network.Loss(_labels.View, _losses.View, _correct.View, batch);
            _network.Backward(_network.Input(batch), batch, Rate);
            _network.AdamStep(Adam);
            _device.Accelerator.Synchronize();
        }

        public void Dispose()
        {
            _network.Dispose();
            _dataset.Dispose();
            _rows.Dispose();
            _labels.Dispose();
            _losses.Dispose();
            _correct.Dispose();
            if (_ownsDevice)
            {
                _device.Dispose();
            }
        }
    }
}
