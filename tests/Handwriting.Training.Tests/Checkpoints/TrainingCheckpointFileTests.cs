using Handwriting.Training.Checkpoints;
using Handwriting.Training.Model;

namespace Handwriting.Training.Tests.Checkpoints;

/// <summary>A checkpoint file round-trips exactly, and every damaged one is refused in one line naming it.</summary>
public sealed class TrainingCheckpointFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_saved_checkpoint_loads_back_exactly()
    {
        TrainingCheckpoint saved = Small();
        string path = _folder.File("checkpoint.bin");

        saved.Save(path);
        TrainingCheckpoint loaded = TrainingCheckpoint.Load(path);

        Assert.Equal(saved.Shape, loaded.Shape);
        Assert.Equal((saved.Seed, saved.BatchSize, saved.TrainCount, saved.Epoch, saved.Step, saved.AdamSteps), (loaded.Seed, loaded.BatchSize, loaded.TrainCount, loaded.Epoch, loaded.Step, loaded.AdamSteps));
        Assert.Equal(saved.History, loaded.History);
        Assert.Equal(saved.Parameters, loaded.Parameters);
        Assert.Equal(saved.AdamFirstMoments, loaded.AdamFirstMoments);
        Assert.Equal(saved.AdamSecondMoments, loaded.AdamSecondMoments);
        Assert.Equal(saved.PartialLosses, loaded.PartialLosses);
        Assert.Equal(saved.PartialCorrect, loaded.PartialCorrect);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_folder.Path).Select(Path.GetFileName)); // no temporary left
    }

    [Fact]
    public void A_missing_empty_or_foreign_file_is_refused()
    {
        AssertRefused(_folder.File("absent.bin"), "does not exist");
        AssertRefused(Write("empty.bin", []), "is not a Handwriting training checkpoint");
        AssertRefused(Write("text.bin", "hello, this is text"u8.ToArray()), "is not a Handwriting training checkpoint");
    }

    [Fact]
    public void Every_truncation_and_every_flipped_byte_is_refused()
    {
        string good = _folder.File("good.bin");
        Small().Save(good);
        byte[] bytes = File.ReadAllBytes(good);

        for (int length = 0; length < bytes.Length; length += 7)
        {
            Assert.Throws<TrainingCheckpointException>(() => TrainingCheckpoint.Load(Write("cut.bin", bytes[..length])));
        }

        for (int i = 0; i < bytes.Length; i += 5)
        {
            byte[] flipped = (byte[])bytes.Clone();
            flipped[i] ^= 0x10;
            Assert.Throws<TrainingCheckpointException>(() => TrainingCheckpoint.Load(Write("flipped.bin", flipped)));
        }
    }

    [Fact]
    public void Another_format_version_is_named()
    {
        string path = _folder.File("v2.bin");
        Small().Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[8] = 2;

        AssertRefused(Write("v2.bin", bytes), "has checkpoint format version 2");
    }

    private static TrainingCheckpoint Small()
    {
        var shape = new MlpShape(3, [2], 2);
        int p = shape.ParameterCount;
        return new TrainingCheckpoint
        {
            Shape = shape,
            Seed = 7,
            BatchSize = 2,
            TrainCount = 5,
            Epoch = 2,
            Step = 1,
            AdamSteps = 4,
            History = [new EpochMetrics(1, 0.5, 0.75, 0.25, 0.875, 1.5, 1.25)],
            Parameters = Enumerable.Range(0, p).Select(i => i * 0.1f).ToArray(),
            AdamFirstMoments = Enumerable.Range(0, p).Select(i => -i * 0.01f).ToArray(),
            AdamSecondMoments = Enumerable.Range(0, p).Select(i => i * 0.001f).ToArray(),
            PartialLosses = [0.5f, 2.25f],
            PartialCorrect = [1f, 0f],
        };
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertRefused(string path, string expected)
    {
        var refused = Assert.Throws<TrainingCheckpointException>(() => TrainingCheckpoint.Load(path));
        Assert.StartsWith(path, refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }
}
