using Handwriting.Training.Export;
using Microsoft.ML.OnnxRuntime;

namespace Handwriting.Runner.Tests.Export;

/// <summary>An exported .onnx file loaded by ONNX Runtime's CPU provider: the independent judge of the export.</summary>
internal sealed class OnnxRuntimeModel : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRuntimeModel(string path)
    {
        _session = new InferenceSession(path);
    }

    public IReadOnlyDictionary<string, NodeMetadata> Inputs => _session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> Outputs => _session.OutputMetadata;

    /// <summary>pixels is (rows, inputs); the result is the `probabilities` output, (rows, outputs).</summary>
    public float[] Probabilities(float[] pixels, int inputs)
    {
        using var runOptions = new RunOptions();
        using var image = OrtValue.CreateTensorValueFromMemory(pixels, [pixels.Length / inputs, inputs]);
        using var results = _session.Run(runOptions, [OnnxExport.InputName], [image], [OnnxExport.OutputName]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
