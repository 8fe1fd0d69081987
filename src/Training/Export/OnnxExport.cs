using Google.Protobuf;
using Handwriting.Training.IO;
using Handwriting.Training.Model;

namespace Handwriting.Training.Export;

/// <summary>
/// A trained MLP as a standard ONNX model (opset 13) that any ONNX runtime can run for inference:
///   image (N, I) -> per hidden layer: Gemm(x, W_l, b_l), Relu -> Gemm(x, W_L, b_L) -> Softmax(axis 1) -> probabilities (N, O)
/// Gemm computes x . W + b with W of shape (In x Out), exactly our row-major layout, so each
/// layer's weights and bias go in as they lie in the flat parameters. Dropout is the identity in
/// inference and does not appear.
/// </summary>
public static class OnnxExport
{
    public const string InputName = "image";
    public const string OutputName = "probabilities";

    /// <summary>The symbolic batch dimension of the input and the output.</summary>
    public const string BatchDimension = "N";

    public const int Opset = 13;

    /// <summary>IR version 7 is the one that came with opset 13 (ONNX 1.8).</summary>
    public const long IrVersion = 7;

    /// <summary>Writes the model atomically (see <see cref="AtomicFile"/>): the target holds the old file or the whole new one.</summary>
    public static void Save(string path, MlpShape shape, ReadOnlySpan<float> parameters)
    {
        byte[] model = Encode(shape, parameters);
        AtomicFile.Write(path, stream => stream.Write(model));
    }

    /// <summary>The bytes of the ModelProto.</summary>
    public static byte[] Encode(MlpShape shape, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException(
                $"{parameters.Length} parameters were given but shape {shape} has {shape.ParameterCount}", nameof(parameters));
        }

        var nodes = new List<ByteString>();
        var initializers = new List<ByteString>();
        string x = InputName;
        for (int l = 0; l < shape.Layers.Count; l++)
        {
            LayerShape layer = shape.Layers[l];
            string weights = $"dense{l}.weight";
            string bias = $"dense{l}.bias";
            initializers.Add(OnnxProto.FloatTensor(weights, [layer.In, layer.Out], parameters.Slice((int)layer.WeightsOffset, layer.WeightCount)));
            initializers.Add(OnnxProto.FloatTensor(bias, [layer.Out], parameters.Slice((int)layer.BiasOffset, layer.Out)));

            bool hidden = l < shape.Hidden.Count;
            string dense = hidden ? $"dense{l}" : "logits";
            nodes.Add(OnnxProto.Node($"dense{l}", "Gemm", [x, weights, bias], [dense]));
            x = dense;
            if (hidden)
            {
                string relu = $"relu{l}";
                nodes.Add(OnnxProto.Node(relu, "Relu", [x], [relu]));
                x = relu;
            }
        }

        nodes.Add(OnnxProto.Node("softmax", "Softmax", [x], [OutputName], OnnxProto.IntAttribute("axis", 1)));

        ByteString graph = OnnxProto.Graph(
            $"handwriting_mlp_{shape}",
            nodes,
            initializers,
            [OnnxProto.TensorValueInfo(InputName, OnnxProto.FloatType, [OnnxDimension.Symbolic(BatchDimension), OnnxDimension.Fixed(shape.Inputs)])],
            [OnnxProto.TensorValueInfo(OutputName, OnnxProto.FloatType, [OnnxDimension.Symbolic(BatchDimension), OnnxDimension.Fixed(shape.Outputs)])]);
        string version = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0";
        return OnnxProto.Model(IrVersion, "handwriting", version, graph, OnnxProto.OperatorSetId("", Opset)).ToByteArray();
    }
}
