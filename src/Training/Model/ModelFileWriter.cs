using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Handwriting.Training.Model;

/// <summary>Writes the bytes of <see cref="ModelFileFormat"/> to a stream, hashing as it goes.</summary>
internal static class ModelFileWriter
{
    public static void Write(Stream stream, MlpShape shape, ReadOnlySpan<float> parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        byte[] header = new byte[ModelFileFormat.HeaderLength(shape.Hidden.Count)];
        ModelFileFormat.Magic.CopyTo(header);
        int offset = ModelFileFormat.Magic.Length;
        foreach (int field in HeaderFields(shape))
        {
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(offset), field);
            offset += ModelFileFormat.IntLength;
        }

        WriteHashed(stream, hash, header);

        byte[] chunk = new byte[ModelFileFormat.ChunkFloats * ModelFileFormat.FloatLength];
        for (int start = 0; start < parameters.Length; start += ModelFileFormat.ChunkFloats)
        {
            ReadOnlySpan<float> floats = parameters.Slice(start, Math.Min(ModelFileFormat.ChunkFloats, parameters.Length - start));
            for (int i = 0; i < floats.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(i * ModelFileFormat.FloatLength), floats[i]);
            }

            WriteHashed(stream, hash, chunk.AsSpan(0, floats.Length * ModelFileFormat.FloatLength));
        }

        stream.Write(hash.GetHashAndReset());
    }

    private static IEnumerable<int> HeaderFields(MlpShape shape) =>
        [ModelFileFormat.Version, shape.Inputs, shape.Hidden.Count, .. shape.Hidden, shape.Outputs, shape.ParameterCount];

    private static void WriteHashed(Stream stream, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        stream.Write(bytes);
    }
}
