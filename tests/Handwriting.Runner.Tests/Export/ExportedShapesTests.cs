using Handwriting.Kernels.Devices;
using Handwriting.Runner.Tests.Commands;
using Handwriting.Training;
using Handwriting.Training.Model;
using Handwriting.Training.Network;

namespace Handwriting.Runner.Tests.Export;

/// <summary>
/// Networks of other depths than the seed's, with seeded random parameters and inputs: the export
/// must chain Gemm and Relu per hidden layer, and a network with none is one Gemm and the softmax.
/// </summary>
public sealed class ExportedShapesTests : IDisposable
{
    private const int Rows = 300;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<int[]> HiddenLayers => new() { new[] { 64, 32 }, Array.Empty<int>(), new[] { 16, 24, 8 } };

    [Theory]
    [MemberData(nameof(HiddenLayers))]
    public void Onnx_runtime_gives_our_probabilities(int[] hidden)
    {
        var shape = new MlpShape(784, hidden, 10);
        var random = new Random(hidden.Length + 7);
        float[] parameters = Uniform(random, shape.ParameterCount, 0.2f);
        float[] pixels = Uniform(random, Rows * shape.Inputs, 0.5f).Select(value => value + 0.5f).ToArray();
        string model = _folder.File("model.bin");
        string onnx = _folder.File("model.onnx");
        ModelFile.Save(model, shape, parameters);

        CliRun result = CliRun.Of("export", "--model", model, "--onnx", onnx);

        Assert.True(result.ExitCode == 0, result.Stderr);
        float[] ours;
        using (var device = ComputeDevice.Open(AcceleratorKind.Cpu))
        using (var network = new DeviceNetwork(device, shape, parameters, Trainer.EvaluationRows))
        {
            ours = Prediction.Probabilities(device, network, pixels);
        }

        using var exported = new OnnxRuntimeModel(onnx);
        Assert.Equal([-1, 784], exported.Inputs["image"].Dimensions);
        Assert.Equal([-1, 10], exported.Outputs["probabilities"].Dimensions);
        float[] theirs = exported.Probabilities(pixels, shape.Inputs);
        ProbabilityAssert.Close(ours, theirs, shape.Outputs, 1e-5);
        // Random weights of this size must not saturate the softmax, or the comparison proves little.
        Assert.True(ours.Max() < 0.999f && ours.Min() > 1e-6f, $"probabilities span {ours.Min()}..{ours.Max()}");
    }

    private static float[] Uniform(Random random, int count, float limit) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * limit)).ToArray();
}
