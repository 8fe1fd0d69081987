using System.Buffers.Binary;
using System.Security.Cryptography;
using Handwriting.Training.Model;

namespace Handwriting.Training.Tests.Model;

/// <summary>
/// Writes model files byte by byte, independently of ModelFileWriter, so that tests can pin the
/// documented layout and craft headers that lie.
/// </summary>
internal static class ModelFileBytes
{
    public static byte[] Header(int version, int inputs, IReadOnlyList<int> hidden, int outputs, int parameterCount)
    {
        var bytes = new List<byte>("HWMLP\0\0\0"u8.ToArray());
        foreach (int field in new[] { version, inputs, hidden.Count }.Concat(hidden).Append(outputs).Append(parameterCount))
        {
            byte[] four = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(four, field);
            bytes.AddRange(four);
        }

        return [.. bytes];
    }

    public static byte[] WithChecksum(byte[] body) => [.. body, .. SHA256.HashData(body)];

    public static byte[] Complete(MlpShape shape, float[] parameters)
    {
        byte[] header = Header(1, shape.Inputs, shape.Hidden, shape.Outputs, parameters.Length);
        byte[] floats = new byte[parameters.Length * 4];
        for (int i = 0; i < parameters.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(floats.AsSpan(i * 4), parameters[i]);
        }

        return WithChecksum([.. header, .. floats]);
    }

    public static float[] Counting(int count) => Enumerable.Range(0, count).Select(i => (i * 0.37f) - 3f).ToArray();
}
