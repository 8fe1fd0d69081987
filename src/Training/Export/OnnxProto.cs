using System.Buffers.Binary;
using Google.Protobuf;

namespace Handwriting.Training.Export;

/// <summary>
/// A hand-written encoder for the few onnx.proto messages an MLP needs, one method per message,
/// each returning the message's bytes. Field numbers are those of onnx/onnx.proto (proto2):
/// a nested message is written as a length-delimited field holding its bytes, repeated scalars
/// unpacked (one tag per value), as proto2 encodes them by default.
/// </summary>
public static class OnnxProto
{
    /// <summary>TensorProto.DataType.FLOAT.</summary>
    public const int FloatType = 1;

    /// <summary>
    /// ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8.
    /// </summary>
    public static ByteString Model(long irVersion, string producerName, string producerVersion, ByteString graph, ByteString opsetImport) =>
        Message(output =>
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt64(irVersion);
            WriteString(output, 2, producerName);
            WriteString(output, 3, producerVersion);
            WriteMessage(output, 7, graph);
            WriteMessage(output, 8, opsetImport);
        });

    /// <summary>OperatorSetIdProto: domain = 1 ("" is the default ai.onnx domain), version = 2.</summary>
    public static ByteString OperatorSetId(string domain, long version) =>
        Message(output =>
        {
            WriteString(output, 1, domain);
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt64(version);
        });

    /// <summary>GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.</summary>
    public static ByteString Graph(
        string name,
        IEnumerable<ByteString> nodes,
        IEnumerable<ByteString> initializers,
        IEnumerable<ByteString> inputs,
        IEnumerable<ByteString> outputs) =>
        Message(output =>
        {
            WriteMessages(output, 1, nodes);
            WriteString(output, 2, name);
            WriteMessages(output, 5, initializers);
            WriteMessages(output, 11, inputs);
            WriteMessages(output, 12, outputs);
        });

    /// <summary>NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.</summary>
    public static ByteString Node(string name, string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, params IEnumerable<ByteString> attributes) =>
        Message(output =>
        {
            foreach (string input in inputs)
            {
                WriteString(output, 1, input);
            }

            foreach (string result in outputs)
            {
                WriteString(output, 2, result);
            }

            WriteString(output, 3, name);
            WriteString(output, 4, opType);
            WriteMessages(output, 5, attributes);
        });

    /// <summary>AttributeProto with an integer: name = 1, i = 3, type = 20 (AttributeType.INT = 2).</summary>
    public static ByteString IntAttribute(string name, long value) =>
        Message(output =>
        {
            WriteString(output, 1, name);
            output.WriteTag(3, WireFormat.WireType.Varint);
            output.WriteInt64(value);
            output.WriteTag(20, WireFormat.WireType.Varint);
            output.WriteInt32(2);
        });

    /// <summary>
    /// TensorProto of floats: dims = 1, data_type = 2, name = 8, raw_data = 9 (float32, little-endian,
    /// row-major, as the ONNX spec fixes raw_data whatever the host's byte order).
    /// </summary>
    public static ByteString FloatTensor(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values)
    {
        long count = dims.Aggregate(1L, (product, dim) => product * dim);
        if (count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill a tensor of shape [{string.Join(", ", dims)}]", nameof(values));
        }

        byte[] raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return Message(output =>
        {
            foreach (long dim in dims)
            {
                output.WriteTag(1, WireFormat.WireType.Varint);
                output.WriteInt64(dim);
            }

            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteInt32(FloatType);
            WriteString(output, 8, name);
            WriteMessage(output, 9, UnsafeByteOperations.UnsafeWrap(raw));
        });
    }

    /// <summary>
    /// ValueInfoProto (name = 1, type = 2) of a tensor: TypeProto.tensor_type = 1, holding
    /// TypeProto.Tensor (elem_type = 1, shape = 2), holding TensorShapeProto (dim = 1), whose
    /// Dimension has dim_value = 1 or dim_param = 2.
    /// </summary>
    public static ByteString TensorValueInfo(string name, int elementType, IReadOnlyList<OnnxDimension> shape)
    {
        ByteString dimensions = Message(output => WriteMessages(output, 1, shape.Select(Dimension)));
        ByteString tensorType = Message(output =>
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt32(elementType);
            WriteMessage(output, 2, dimensions);
        });
        ByteString type = Message(output => WriteMessage(output, 1, tensorType));
        return Message(output =>
        {
            WriteString(output, 1, name);
            WriteMessage(output, 2, type);
        });
    }

    private static ByteString Dimension(OnnxDimension dimension) =>
        Message(output =>
        {
            if (dimension.Parameter is string parameter)
            {
                WriteString(output, 2, parameter);
            }
            else
            {
                output.WriteTag(1, WireFormat.WireType.Varint);
                output.WriteInt64(dimension.Value);
            }
        });

    private static ByteString Message(Action<CodedOutputStream> writeFields)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            writeFields(output);
        }

        return UnsafeByteOperations.UnsafeWrap(buffer.ToArray());
    }

    private static void WriteMessage(CodedOutputStream output, int field, ByteString message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(message);
    }

    private static void WriteMessages(CodedOutputStream output, int field, IEnumerable<ByteString> messages)
    {
        foreach (ByteString message in messages)
        {
            WriteMessage(output, field, message);
        }
    }

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }
}

/// <summary>One dimension of a tensor's shape: a fixed size, or a named symbolic one such as the batch "N".</summary>
public readonly record struct OnnxDimension(long Value, string? Parameter)
{
    public static OnnxDimension Fixed(long value) => new(value, null);

    public static OnnxDimension Symbolic(string parameter) => new(0, parameter);
}
