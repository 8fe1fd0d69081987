using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Reference;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Tests.Training;

/// <summary>
/// <see cref="DeviceNetwork.TrainStep"/> with the CPU-only SIMD kernels (one launch of
/// <see cref="CpuTrainingStep"/> a step) against the same steps as separate launches of the
/// portable kernels (a device opened with <see cref="KernelVariant.Portable"/> forced), at every width this machine accelerates
/// (wider ones would be emulated; the trainer never picks them): parameters, gradients, Adam's
/// moments, logits, losses and hits bit for bit after every step, including a last partial batch. And the
/// fused step against the float64 <see cref="ReferenceNetwork"/>, within
/// <see cref="TrainingStepTests"/>' tolerances.
/// </summary>
public sealed class FusedTrainingStepTests
{
    private const uint Seed = 1234;
    private const int FullSteps = 3;

    /// <summary>
    /// The seed model at batch 32 (last batch 17), no hidden layer, and two odd hidden layers on
    /// odd extents; each with and without input row indices, dropout 0 and 0.5, and AdamW.
    /// </summary>
    public static IEnumerable<object[]> Cases()
    {
        (int Inputs, int[] Hidden, int Outputs, int Batch, int Last)[] shapes =
        [
            (784, [128], 10, 32, 17),
            (784, [], 10, 5, 3),
            (20, [7, 5], 3, 9, 4),
        ];
        (bool Gather, float Dropout, float WeightDecay)[] settings = [(true, 0.5f, 0f), (false, 0f, 0f), (true, 0f, 20f), (false, 0.5f, 20f)];
        foreach (var shape in shapes)
        {
            foreach (var setting in settings)
            {
                foreach (var width in SimdWidths.Accelerated)
                {
                    yield return [shape.Inputs, shape.Hidden, shape.Outputs, shape.Batch, shape.Last, setting.Gather, setting.Dropout, setting.WeightDecay, width];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_fused_step_gives_the_portable_launches_bits(int inputs, int[] hidden, int outputs, int batch, int last, bool gather, float dropout, float weightDecay, SimdWidth width)
    {
        var shape = new MlpShape(inputs, hidden, outputs);
        float[] initial = GlorotUniform.Initialize(shape, seed: 7);
        var adam = new AdamSettings(WeightDecay: weightDecay);
        var batches = Batches(shape, batch, last, gather, new Random(inputs + hidden.Sum() + batch));
        using var portableDevice = ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariant.Portable);
        using var fusedDevice = ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariants.Of(width));
        Assert.Null(portableDevice.Ops.ChosenVariant<CpuTrainingStep>());
        Assert.Equal(KernelVariants.Of(width), fusedDevice.Ops.ChosenVariant<CpuTrainingStep>());
        using var portable = new DeviceNetwork(portableDevice, shape, initial, capacity: batch);
        using var fused = new DeviceNetwork(fusedDevice, shape, initial, capacity: batch);

        uint step = 0;
        foreach (var data in batches)
        {
            using var portableBuffers = new StepBuffers(portableDevice.Accelerator, data);
            using var fusedBuffers = new StepBuffers(fusedDevice.Accelerator, data);
            portableBuffers.Step(portable, dropout, step, adam);
            var expected = State.Of(portable, portableBuffers);
            fusedBuffers.Step(fused, dropout, step, adam);
            var actual = State.Of(fused, fusedBuffers);

            string at = $"step {step} ({data.Rows} rows) of {shape} at {width}, gather {gather}, dropout {dropout}, weight decay {weightDecay}";
            SameBits.Assert(expected.Parameters, actual.Parameters, $"parameters, {at}");
            SameBits.Assert(expected.Gradients, actual.Gradients, $"gradients, {at}");
            SameBits.Assert(expected.M, actual.M, $"Adam's m, {at}");
            SameBits.Assert(expected.V, actual.V, $"Adam's v, {at}");
            SameBits.Assert(expected.Logits, actual.Logits, $"logits, {at}");
            SameBits.Assert(expected.Losses, actual.Losses, $"losses, {at}");
            SameBits.Assert(expected.Correct, actual.Correct, $"correct, {at}");
            Assert.Equal(portable.AdamSteps, fused.AdamSteps);
            step++;
        }

        Assert.Equal(FullSteps + 1, portable.AdamSteps);
    }

    /// <summary>The fused step at the widest width against the float64 reference trainer, as <see cref="TrainingStepTests"/> checks the separate launches.</summary>
    [Theory]
    [InlineData(784, new[] { 128 }, 10, 32, 17, true, 0.2f, 0f)]
    [InlineData(784, new int[0], 10, 5, 3, false, 0f, 0f)]
    [InlineData(20, new[] { 7, 5 }, 3, 9, 4, true, 0.5f, 20f)]
    public void The_fused_step_matches_the_float64_reference_trainer(int inputs, int[] hidden, int outputs, int batch, int last, bool gather, float dropout, float weightDecay)
    {
        var shape = new MlpShape(inputs, hidden, outputs);
        float[] initial = GlorotUniform.Initialize(shape, seed: 7);
        var adam = new AdamSettings(WeightDecay: weightDecay);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        Assert.Equal(KernelVariants.WidestSimd, device.Ops.ChosenVariant<CpuTrainingStep>());
        using var network = new DeviceNetwork(device, shape, initial, capacity: batch);
        var reference = new ReferenceNetwork(shape, initial);

        uint step = 0;
        foreach (var data in Batches(shape, batch, last, gather, new Random(inputs + batch)))
        {
            using var buffers = new StepBuffers(device.Accelerator, data);
            buffers.Step(network, dropout, step, adam);
            var (losses, correct) = reference.TrainStep(data.Pixels(shape.Inputs), data.Labels, data.Rows, dropout, Seed, step, adam);

            string at = $"step {step} ({data.Rows} rows) of {shape}, gather {gather}, dropout {dropout}, weight decay {weightDecay}";
            new Tolerance(1e-5, 1e-4).AssertClose(losses, buffers.Losses.GetAsArray1D(), $"losses, {at}");
            Tolerance.Exact.AssertClose(correct, buffers.Correct.GetAsArray1D(), $"correct, {at}");
            new Tolerance(1e-6, 1e-4).AssertClose(reference.Gradients, network.Gradients.GetAsArray(), $"gradients, {at}");
            new Tolerance(2e-5, 1e-4).AssertClose(reference.Parameters, network.ReadParameters(), $"parameters after Adam, {at}");
            step++;
        }
    }

    /// <summary><see cref="FullSteps"/> full batches and a last partial one, read from a source of more rows through indices (gather) or given as they are.</summary>
    private static List<Batch> Batches(MlpShape shape, int batch, int last, bool gather, Random random)
    {
        var batches = new List<Batch>();
        foreach (int rows in Enumerable.Repeat(batch, FullSteps).Append(last))
        {
            int sourceRows = gather ? (2 * rows) + 3 : rows;
            byte[] source = Enumerable.Range(0, sourceRows * shape.Inputs).Select(_ => random.NextDouble() < 0.6 ? (byte)0 : (byte)random.Next(1, 256)).ToArray();
            int[] indices = gather ? Enumerable.Range(0, rows).Select(_ => random.Next(sourceRows)).ToArray() : [];
            int[] labels = Enumerable.Range(0, rows).Select(_ => random.Next(shape.Outputs)).ToArray();
            batches.Add(new Batch(rows, source, indices, labels));
        }

        return batches;
    }

    private sealed record Batch(int Rows, byte[] Source, int[] Indices, int[] Labels)
    {
        /// <summary>The batch's pixels as the network sees them, read from the bytes in double for the reference.</summary>
        public double[] Pixels(int inputs)
        {
            var pixels = new double[(long)Rows * inputs];
            PixelBatchReference.Run(Source, Indices, pixels, Rows, inputs);
            return pixels;
        }
    }

    /// <summary>One batch on the device, and the losses and hits a step writes.</summary>
    private sealed class StepBuffers(Accelerator accelerator, Batch batch) : IDisposable
    {
        private readonly MemoryBuffer1D<byte, Stride1D.Dense> _input = accelerator.Allocate1D(batch.Source);
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _indices = accelerator.Allocate1D(batch.Indices.Length == 0 ? [0] : batch.Indices);
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _labels = accelerator.Allocate1D(batch.Labels);

        public int Rows => batch.Rows;

        public MemoryBuffer1D<float, Stride1D.Dense> Losses { get; } = accelerator.Allocate1D<float>(batch.Rows);

        public MemoryBuffer1D<float, Stride1D.Dense> Correct { get; } = accelerator.Allocate1D<float>(batch.Rows);

        public void Step(DeviceNetwork network, float dropout, uint step, AdamSettings adam)
        {
            Losses.MemSetToZero();
            Correct.MemSetToZero();
            var indices = batch.Indices.Length == 0 ? default : _indices.View;
            network.TrainStep(_input.View, indices, _labels.View, Losses.View, Correct.View, batch.Rows, dropout, Seed, step, adam);
            accelerator.Synchronize();
        }

        public void Dispose()
        {
            _input.Dispose();
            _indices.Dispose();
            _labels.Dispose();
            Losses.Dispose();
            Correct.Dispose();
        }
    }

    private sealed record State(float[] Parameters, float[] Gradients, float[] M, float[] V, float[] Logits, float[] Losses, float[] Correct)
    {
        public static State Of(DeviceNetwork network, StepBuffers buffers) => new(
            network.ReadParameters(),
            network.Gradients.GetAsArray(),
            network.AdamFirstMoments.GetAsArray(),
            network.AdamSecondMoments.GetAsArray(),
            network.Logits(buffers.Rows).GetAsArray(),
            buffers.Losses.GetAsArray1D(),
            buffers.Correct.GetAsArray1D());
    }
}
