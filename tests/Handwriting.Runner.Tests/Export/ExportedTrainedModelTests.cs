using Handwriting.Kernels.Devices;
using Handwriting.Runner.Tests.Commands;
using Handwriting.Training;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Microsoft.ML.OnnxRuntime;

namespace Handwriting.Runner.Tests.Export;

/// <summary>The shared trained model, exported by the command and run by ONNX Runtime.</summary>
[Collection(TrainedRunCollection.Name)]
public sealed class ExportedTrainedModelTests(TrainedRun run) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Onnx_runtime_gives_our_probabilities_on_all_10000_test_images()
    {
        string onnx = Export();
        var test = MnistData.LoadOrFetch(null, _ => { }).Test;
        float[] images = ImageSet.UnitRange(test.Pixels.Span); // what the ONNX model takes: image float[N, 784]

        float[] ours;
        using (var device = ComputeDevice.Open(AcceleratorKind.Cpu))
        using (var network = SavedNetwork.Load(device, run.Model))
        {
            ours = Prediction.Probabilities(device, network, images);
        }

        using var model = new OnnxRuntimeModel(onnx);
        float[] theirs = model.Probabilities(images, test.PixelsPerImage);

        Assert.Equal(10_000 * SavedNetwork.Digits, theirs.Length);
        ProbabilityAssert.Close(ours, theirs, SavedNetwork.Digits, 1e-5);
    }

    [Fact]
    public void The_model_takes_image_float_N_784_and_gives_probabilities_float_N_10()
    {
        using var model = new OnnxRuntimeModel(Export());

        var (inputName, input) = Assert.Single(model.Inputs);
        Assert.Equal("image", inputName);
        AssertBatchOf(input, 784);
        var (outputName, output) = Assert.Single(model.Outputs);
        Assert.Equal("probabilities", outputName);
        AssertBatchOf(output, 10);
    }

    [Fact]
    public void Exporting_the_same_model_twice_gives_the_same_bytes()
    {
        string first = Export("first.onnx");
        string second = Export("second.onnx");

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    private static void AssertBatchOf(NodeMetadata tensor, int width)
    {
        Assert.True(tensor.IsTensor);
        Assert.Equal(typeof(float), tensor.ElementType);
        Assert.Equal([-1, width], tensor.Dimensions);
        Assert.Equal("N", tensor.SymbolicDimensions[0]);
        Assert.True(string.IsNullOrEmpty(tensor.SymbolicDimensions[1]));
    }

    private string Export(string name = "model.onnx")
    {
        string onnx = _folder.File(name);
        CliRun result = CliRun.Of("export", "--model", run.Model, "--onnx", onnx);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return onnx;
    }
}
