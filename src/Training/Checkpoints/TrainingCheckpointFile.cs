using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Handwriting.Training.IO;
using Handwriting.Training.Model;

namespace Handwriting.Training.Checkpoints;

/// <summary>
/// Layout of a checkpoint file, version 1. Integers are little-endian int32, floats little-endian
/// IEEE float32, doubles float64:
/// <code>
/// magic "HWCKPT\0\0" (8), format version (1)
/// shape: inputs, hidden layer count H, H widths, outputs
/// seed, batch size, training images, epoch (from 1), steps done in it, Adam steps
/// history: epoch count E, then per epoch: epoch, loss, accuracy (doubles), has validation (byte),
///          validation loss, validation accuracy, seconds, train seconds (doubles)
/// parameter count P, then P parameters, P Adam first moments, P Adam second moments
/// partial count N, then N per-image losses and N per-image hits
/// SHA-256 of every byte before it (32)
/// </code>
/// The whole file is read (its length bounds every allocation), its checksum checked first, and
/// each count checked against the bytes that remain before anything is allocated from it.
/// </summary>
internal static class TrainingCheckpointFile
{
    public const int Version = 1;

    private const int ChecksumLength = 32;

    /// <summary>Far above any real checkpoint (a 784-128-10 run on all of MNIST is about 1.6 MB).</summary>
    private const long MaxLength = 1L << 31;

    private static ReadOnlySpan<byte> Magic => "HWCKPT\0\0"u8;

    public static void Save(string path, TrainingCheckpoint checkpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Write(stream, checkpoint));
    }

    public static TrainingCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ReadAll(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Problem(path, "is not a Handwriting training checkpoint (it does not start with \"HWCKPT\")");
        }

        if (bytes.Length < Magic.Length + ChecksumLength + sizeof(int))
        {
            throw Problem(path, $"is truncated: {bytes.Length} bytes");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != Version)
        {
            throw Problem(path, $"has checkpoint format version {version}, but this program reads only version {Version}");
        }

        int body = bytes.Length - ChecksumLength;
        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
        {
            throw Problem(path, "is corrupt or truncated: checksum mismatch");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length + sizeof(int), body - Magic.Length - sizeof(int)), Encoding.UTF8);
            return Read(reader, path);
        }
        catch (EndOfStreamException e)
        {
            throw Problem(path, "is inconsistent: its counts describe more bytes than it holds", e);
        }
        catch (ArgumentException e)
        {
            throw Problem(path, $"is inconsistent: {e.Message}", e);
        }
    }

    private static void Write(Stream stream, TrainingCheckpoint c)
    {
        // A checkpoint is a few MB at most: built in memory, hashed, then written in one go.
        using var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(c.Shape.Inputs);
            writer.Write(c.Shape.Hidden.Count);
            foreach (int width in c.Shape.Hidden)
            {
                writer.Write(width);
            }

            writer.Write(c.Shape.Outputs);
            writer.Write(c.Seed);
            writer.Write(c.BatchSize);
            writer.Write(c.TrainCount);
            writer.Write(c.Epoch);
            writer.Write(c.Step);
            writer.Write(c.AdamSteps);
            writer.Write(c.History.Count);
            foreach (var e in c.History)
            {
                writer.Write(e.Epoch);
                writer.Write(e.Loss);
                writer.Write(e.Accuracy);
                writer.Write(e.ValidationLoss is not null);
                writer.Write(e.ValidationLoss ?? 0);
                writer.Write(e.ValidationAccuracy ?? 0);
                writer.Write(e.Seconds);
                writer.Write(e.TrainSeconds);
            }

            WriteFloats(writer, c.Parameters, withCount: true);
            WriteFloats(writer, c.AdamFirstMoments, withCount: false);
            WriteFloats(writer, c.AdamSecondMoments, withCount: false);
            WriteFloats(writer, c.PartialLosses, withCount: true);
            WriteFloats(writer, c.PartialCorrect, withCount: false);
        }

        content.Position = 0;
        content.CopyTo(stream);
        stream.Write(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length)));
    }

    private static TrainingCheckpoint Read(BinaryReader reader, string path)
    {
        int inputs = reader.ReadInt32();
        int[] hidden = ReadInts(reader, Count(reader, sizeof(int), path));
        int outputs = reader.ReadInt32();
        var shape = new MlpShape(inputs, hidden, outputs);
        int seed = reader.ReadInt32();
        int batchSize = reader.ReadInt32();
        int trainCount = reader.ReadInt32();
        int epoch = reader.ReadInt32();
        int step = reader.ReadInt32();
        int adamSteps = reader.ReadInt32();
        const int EpochBytes = sizeof(int) + 1 + (6 * sizeof(double));
        var history = new EpochMetrics[Count(reader, EpochBytes, path)];
        for (int i = 0; i < history.Length; i++)
        {
            int number = reader.ReadInt32();
            double loss = reader.ReadDouble();
            double accuracy = reader.ReadDouble();
            bool validated = reader.ReadBoolean();
            double validationLoss = reader.ReadDouble();
            double validationAccuracy = reader.ReadDouble();
            history[i] = new EpochMetrics(number, loss, accuracy, validated ? validationLoss : null, validated ? validationAccuracy : null, reader.ReadDouble(), reader.ReadDouble());
        }

        int parameters = Count(reader, 3 * sizeof(float), path);
        if (parameters != shape.ParameterCount)
        {
            throw Problem(path, $"is inconsistent: it holds {parameters} parameters but shape {shape} has {shape.ParameterCount}");
        }

        float[] values = ReadFloats(reader, parameters);
        float[] m = ReadFloats(reader, parameters);
        float[] v = ReadFloats(reader, parameters);
        int partial = Count(reader, 2 * sizeof(float), path);
        float[] losses = ReadFloats(reader, partial);
        float[] correct = ReadFloats(reader, partial);
        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw Problem(path, "is inconsistent: it has unexpected bytes before its checksum");
        }

        if (batchSize < 1 || trainCount < 1 || epoch < 1 || step < 0 || adamSteps < 0 || partial > trainCount || history.Length != epoch - 1)
        {
            throw Problem(path, $"is inconsistent: epoch {epoch}, step {step}, batch {batchSize}, {trainCount} images, {history.Length} epochs of history");
        }

        return new TrainingCheckpoint
        {
            Shape = shape,
            Seed = seed,
            BatchSize = batchSize,
            TrainCount = trainCount,
            Epoch = epoch,
            Step = step,
            AdamSteps = adamSteps,
            History = history,
            Parameters = values,
            AdamFirstMoments = m,
            AdamSecondMoments = v,
            PartialLosses = losses,
            PartialCorrect = correct,
        };
    }

    /// <summary>Reads a count and refuses one whose items could not fit in the bytes left.</summary>
    private static int Count(BinaryReader reader, int bytesPerItem, string path)
    {
        int count = reader.ReadInt32();
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * bytesPerItem > left)
        {
            throw Problem(path, $"is inconsistent: it declares {count} items where {left} bytes remain");
        }

        return count;
    }

    private static int[] ReadInts(BinaryReader reader, int count)
    {
        int[] values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    private static void WriteFloats(BinaryWriter writer, float[] values, bool withCount)
    {
        if (withCount)
        {
            writer.Write(values.Length);
        }

        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    private static byte[] ReadAll(string path)
    {
        try
        {
            if (IO.FileStatus.WhyNotReadable(path) is string why)
            {
                throw Problem(path, why);
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw Problem(path, "does not exist");
            }

            if (info.Length > MaxLength)
            {
                throw Problem(path, $"is {info.Length} bytes, far larger than any checkpoint");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static TrainingCheckpointException Problem(string path, string what, Exception? inner = null) =>
        inner is null ? new TrainingCheckpointException($"{path} {what}") : new TrainingCheckpointException($"{path} {what}", inner);
}
