using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Tests.Training;

/// <summary>
/// <see cref="DeviceNetwork.TrainSteps"/>, which the fused CPU step takes up to
/// <see cref="DeviceNetwork.StepsPerLaunch"/> steps a launch, against the same steps taken one
/// call of <see cref="DeviceNetwork.TrainStep"/> at a time, and against the portable kernels'
/// separate launches: parameters, Adam's moments, every step's losses and hits, bit for bit. Each
/// step has its own learning rate (as a schedule gives), so a step that read another step's Adam
/// settings, batch or dropout mask would show.
/// </summary>
public sealed class MultiStepLaunchTests
{
    private const uint Seed = 99;

    public static IEnumerable<object[]> Cases()
    {
        foreach (var width in SimdWidths.Accelerated)
        {
            // More steps than one launch takes, so the run is split; with and without row indices.
            yield return [20, new[] { 7, 5 }, 3, 9, DeviceNetwork.StepsPerLaunch + 6, true, 0.5f, width];
            yield return [20, new[] { 7, 5 }, 3, 9, 11, false, 0.5f, width];
            yield return [784, new[] { 128 }, 10, 32, 4, true, 0.2f, width];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Steps_taken_in_one_launch_give_the_bits_of_one_call_each(int inputs, int[] hidden, int outputs, int batch, int steps, bool gather, float dropout, SimdWidth width)
    {
        var shape = new MlpShape(inputs, hidden, outputs);
        float[] initial = GlorotUniform.Initialize(shape, seed: 3);
        var random = new Random(inputs + steps);
        int images = batch * steps;
        int sourceRows = gather ? images / 2 : images;
        byte[] source = Enumerable.Range(0, sourceRows * inputs).Select(_ => random.NextDouble() < 0.6 ? (byte)0 : (byte)random.Next(1, 256)).ToArray();
        int[] indices = gather ? Enumerable.Range(0, images).Select(_ => random.Next(sourceRows)).ToArray() : [];
        int[] labels = Enumerable.Range(0, images).Select(_ => random.Next(outputs)).ToArray();
        var adam = Enumerable.Range(0, steps).Select(s => new AdamSettings(LearningRate: 1e-3f * (1 + (s % 3)))).ToArray();

        using var fusedDevice = ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariants.Of(width));
        using var portableDevice = ComputeDevice.Open(AcceleratorKind.Cpu, KernelVariant.Portable);
        Assert.NotNull(fusedDevice.Ops.ChosenVariant<CpuTrainingStep>());
        Assert.Null(portableDevice.Ops.ChosenVariant<CpuTrainingStep>());

        var inOneCall = Train(fusedDevice, shape, initial, batch, source, indices, labels, dropout, adam, oneCallPerStep: false);
        var stepByStep = Train(fusedDevice, shape, initial, batch, source, indices, labels, dropout, adam, oneCallPerStep: true);
        var portable = Train(portableDevice, shape, initial, batch, source, indices, labels, dropout, adam, oneCallPerStep: false);

        foreach (var (expected, name) in new[] { (stepByStep, "one TrainStep call a step"), (portable, "the portable kernels' launches") })
        {
            string at = $"{steps} steps of {shape}, batch {batch}, gather {gather}, at {width}, against {name}";
            SameBits.Assert(expected.Parameters, inOneCall.Parameters, $"parameters, {at}");
            SameBits.Assert(expected.M, inOneCall.M, $"Adam's m, {at}");
            SameBits.Assert(expected.V, inOneCall.V, $"Adam's v, {at}");
            SameBits.Assert(expected.Losses, inOneCall.Losses, $"losses, {at}");
            SameBits.Assert(expected.Correct, inOneCall.Correct, $"correct, {at}");
            Assert.Equal(expected.AdamSteps, inOneCall.AdamSteps);
        }

        Assert.Equal(steps, inOneCall.AdamSteps);
    }

    [Fact]
    public void A_run_of_steps_that_reads_its_batch_from_the_input_is_refused()
    {
        var shape = new MlpShape(4, [3], 2);
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var network = new DeviceNetwork(device, shape, GlorotUniform.Initialize(shape, seed: 1), capacity: 2);
        using var labels = device.Accelerator.Allocate1D<int>(4);
        using var losses = device.Accelerator.Allocate1D<float>(4);
        using var correct = device.Accelerator.Allocate1D<float>(4);
        var error = Assert.Throws<ArgumentException>(() =>
            network.TrainSteps(default, default, labels.View, losses.View, correct.View, 2, 0f, Seed, 0, [new AdamSettings(), new AdamSettings()]));
        Assert.Contains("one step", error.Message);
    }

    private static Result Train(ComputeDevice device, MlpShape shape, float[] initial, int batch, byte[] source, int[] indices, int[] labels, float dropout, AdamSettings[] adam, bool oneCallPerStep)
    {
        var accelerator = device.Accelerator;
        using var network = new DeviceNetwork(device, shape, initial, capacity: batch);
        using var pixels = accelerator.Allocate1D(source);
        using var rows = accelerator.Allocate1D(indices.Length == 0 ? [0] : indices);
        using var labelBuffer = accelerator.Allocate1D(labels);
        using var losses = accelerator.Allocate1D<float>(labels.Length);
        using var correct = accelerator.Allocate1D<float>(labels.Length);
        ArrayView<int> rowView = indices.Length == 0 ? default : rows.View;
        if (oneCallPerStep)
        {
            for (int s = 0; s < adam.Length; s++)
            {
                long first = (long)s * batch;
                var stepPixels = indices.Length == 0 ? pixels.View.SubView(first * shape.Inputs, (long)batch * shape.Inputs) : pixels.View;
                var stepRows = indices.Length == 0 ? rowView : rowView.SubView(first, batch);
                network.TrainStep(stepPixels, stepRows, labelBuffer.View.SubView(first, batch), losses.View.SubView(first, batch), correct.View.SubView(first, batch), batch, dropout, Seed, (uint)s, adam[s]);
            }
        }
        else
        {
            network.TrainSteps(pixels.View, rowView, labelBuffer.View, losses.View, correct.View, batch, dropout, Seed, 0, adam);
        }

        accelerator.Synchronize();
        return new Result(network.ReadParameters(), network.AdamFirstMoments.GetAsArray(), network.AdamSecondMoments.GetAsArray(), losses.GetAsArray1D(), correct.GetAsArray1D(), network.AdamSteps);
    }

    private sealed record Result(float[] Parameters, float[] M, float[] V, float[] Losses, float[] Correct, int AdamSteps);
}
