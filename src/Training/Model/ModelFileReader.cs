using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Handwriting.Training.Model;

/// <summary>
/// Reads and checks a file of <see cref="ModelFileFormat"/>. Every size in the header is checked
/// against the file's length before anything is allocated from it, so a lying header costs a
/// clear message, never a huge allocation.
/// </summary>
internal static class ModelFileReader
{
    public static (MlpShape Shape, float[] Parameters) Read(string path)
    {
        using FileStream stream = Open(path);
        long length = stream.Length;
        if (length == 0)
        {
            throw Problem(path, "is empty");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        MlpShape shape = ReadHeader(stream, length, hash, path);
        float[] parameters = ReadParameters(stream, shape.ParameterCount, hash);

        Span<byte> stored = stackalloc byte[ModelFileFormat.ChecksumLength];
        stream.ReadExactly(stored);
        if (!stored.SequenceEqual(hash.GetHashAndReset()))
        {
            throw Problem(path, "is corrupt: checksum mismatch");
        }

        RefuseNonFinite(path, shape, parameters);
        return (shape, parameters);
    }

    /// <summary>
    /// A NaN or an infinity in the weights passes the checksum (it was saved that way) but makes
    /// every prediction NaN: the file is refused here, naming where the first one sits.
    /// </summary>
    private static void RefuseNonFinite(string path, MlpShape shape, float[] parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!float.IsFinite(parameters[i]))
            {
                int layer = shape.Layers.Count - 1;
                while (layer > 0 && shape.Layers[layer].WeightsOffset > i)
                {
                    layer--;
                }

                string part = i >= shape.Layers[layer].BiasOffset ? "bias" : "weights";
                throw Problem(path, $"holds a non-finite parameter ({parameters[i]}) at index {i}, in layer {layer + 1}'s {part}: the model it stores cannot predict");
            }
        }
    }

    private static FileStream Open(string path)
    {
        if (IO.FileStatus.WhyNotReadable(path) is string why)
        {
            throw Problem(path, why);
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Problem(path, "does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static MlpShape ReadHeader(FileStream stream, long length, IncrementalHash hash, string path)
    {
        ModelFileException TruncatedHeader() => Problem(path, $"is truncated: it ends inside the header, after {length} bytes");

        Span<byte> prefix = stackalloc byte[ModelFileFormat.FixedPrefixLength];
        int read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        int magicRead = Math.Min(read, ModelFileFormat.Magic.Length);
        if (!prefix[..magicRead].SequenceEqual(ModelFileFormat.Magic[..magicRead]))
        {
            throw Problem(path, "is not a Handwriting model file (it does not start with \"HWMLP\")");
        }

        const int VersionEnd = 12;
        if (read < VersionEnd)
        {
            throw TruncatedHeader();
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(prefix[8..]);
        if (version != ModelFileFormat.Version)
        {
            throw Problem(path, $"has format version {version}, but this program reads only version {ModelFileFormat.Version}");
        }

        if (read < prefix.Length)
        {
            throw TruncatedHeader();
        }

        int inputs = BinaryPrimitives.ReadInt32LittleEndian(prefix[12..]);
        int hiddenCount = BinaryPrimitives.ReadInt32LittleEndian(prefix[16..]);
        if (hiddenCount is < 0 or > ModelFileFormat.MaxHiddenLayers)
        {
            throw Problem(path, $"has an implausible shape: {hiddenCount} hidden layers (expected 0 to {ModelFileFormat.MaxHiddenLayers})");
        }

        int headerLength = ModelFileFormat.HeaderLength(hiddenCount);
        if (length < headerLength)
        {
            throw TruncatedHeader();
        }

        byte[] rest = new byte[headerLength - prefix.Length];
        stream.ReadExactly(rest);
        hash.AppendData(prefix);
        hash.AppendData(rest);

        int[] hidden = new int[hiddenCount];
        for (int i = 0; i < hiddenCount; i++)
        {
            hidden[i] = BinaryPrimitives.ReadInt32LittleEndian(rest.AsSpan(i * ModelFileFormat.IntLength));
        }

        int outputs = BinaryPrimitives.ReadInt32LittleEndian(rest.AsSpan(hiddenCount * ModelFileFormat.IntLength));
        int parameterCount = BinaryPrimitives.ReadInt32LittleEndian(rest.AsSpan((hiddenCount + 1) * ModelFileFormat.IntLength));

        foreach (int width in hidden.Prepend(inputs).Append(outputs))
        {
            if (width is < 1 or > ModelFileFormat.MaxLayerWidth)
            {
                throw Problem(path, $"has an implausible shape: a layer of width {width} (expected 1 to {ModelFileFormat.MaxLayerWidth})");
            }
        }

        MlpShape shape;
        try
        {
            shape = new MlpShape(inputs, hidden, outputs);
        }
        catch (ArgumentException e)
        {
            throw Problem(path, $"has an implausible shape: {e.Message}", e);
        }

        if (parameterCount != shape.ParameterCount)
        {
            throw Problem(path, $"is inconsistent: it declares {parameterCount} parameters but shape {shape} has {shape.ParameterCount}");
        }

        long expectedLength = ModelFileFormat.FileLength(hiddenCount, parameterCount);
        if (length < expectedLength)
        {
            throw Problem(path, $"is truncated: {length} bytes where its header describes {expectedLength}");
        }

        if (length > expectedLength)
        {
            throw Problem(path, $"has {length - expectedLength} unexpected bytes after its checksum");
        }

        return shape;
    }

    private static float[] ReadParameters(FileStream stream, int count, IncrementalHash hash)
    {
        // Allocating here is safe: the header's count has been checked against the file's length.
        float[] parameters = new float[count];
        byte[] chunk = new byte[ModelFileFormat.ChunkFloats * ModelFileFormat.FloatLength];
        for (int start = 0; start < count; start += ModelFileFormat.ChunkFloats)
        {
            int floats = Math.Min(ModelFileFormat.ChunkFloats, count - start);
            Span<byte> bytes = chunk.AsSpan(0, floats * ModelFileFormat.FloatLength);
            stream.ReadExactly(bytes);
            hash.AppendData(bytes);
            for (int i = 0; i < floats; i++)
            {
                parameters[start + i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * ModelFileFormat.FloatLength)..]);
            }
        }

        return parameters;
    }

    private static ModelFileException Problem(string path, string what, Exception? inner = null) =>
        inner is null ? new ModelFileException($"{path} {what}") : new ModelFileException($"{path} {what}", inner);
}
