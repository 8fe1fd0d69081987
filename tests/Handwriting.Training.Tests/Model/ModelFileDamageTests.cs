using Handwriting.Training.Model;

namespace Handwriting.Training.Tests.Model;

/// <summary>Every way a model file can be wrong is refused with a one-line message that names the file.</summary>
public sealed class ModelFileDamageTests : IDisposable
{
    private static readonly MlpShape SmallShape = new(3, [2], 2);

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = _folder.File("nothing-here.bin");

        AssertRefused(path, "does not exist");
    }

    [Fact]
    public void An_empty_file_is_named()
    {
        string path = Write([]);

        AssertRefused(path, "is empty");
    }

    [Theory]
    [InlineData("PK\u0003\u0004 this is a zip, not a model")]
    [InlineData("hello")]
    [InlineData("HWMLQ\0\0\0\u0001\0\0\0")]
    public void A_file_with_another_magic_is_not_a_model_file(string content)
    {
        string path = Write(System.Text.Encoding.ASCII.GetBytes(content));

        AssertRefused(path, "is not a Handwriting model file");
    }

    [Fact]
    public void Another_format_version_is_refused_saying_which_versions_are_read()
    {
        byte[] bytes = Good();
        bytes[8] = 2;

        string message = AssertRefused(Write(bytes), "has format version 2");

        Assert.Contains("reads only version 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        byte[] good = Good();
        for (int length = 1; length < good.Length; length++)
        {
            string path = Write(good[..length]);

            var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("is truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        string path = Write([.. Good(), 0]);

        AssertRefused(path, "1 unexpected bytes after its checksum");
    }

    [Fact]
    public void Every_single_bit_flip_is_refused()
    {
        byte[] good = Good();
        string path = _folder.File("flipped.bin");
        for (int bit = 0; bit < good.Length * 8; bit++)
        {
            byte[] flipped = (byte[])good.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            File.WriteAllBytes(path, flipped);

            var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_flipped_parameter_bit_is_reported_as_a_checksum_mismatch()
    {
        byte[] bytes = Good();
        bytes[40] ^= 0x10;

        AssertRefused(Write(bytes), "is corrupt: checksum mismatch");
    }

    [Theory]
    [InlineData(0, new int[0], 2)]
    [InlineData(3, new int[] { -5 }, 2)]
    [InlineData(3, new int[] { 2 }, 0)]
    [InlineData(int.MaxValue, new int[] { 2 }, 2)]
    public void A_header_with_an_implausible_shape_is_refused(int inputs, int[] hidden, int outputs)
    {
        string path = Write(ModelFileBytes.WithChecksum(ModelFileBytes.Header(1, inputs, hidden, outputs, 14)));

        AssertRefused(path, "has an implausible shape");
    }

    [Fact]
    public void A_header_claiming_a_billion_hidden_layers_is_refused_without_reading_them()
    {
        byte[] header = ModelFileBytes.Header(1, 3, [], 2, 8);
        header[19] = 0x40;
        string path = Write(ModelFileBytes.WithChecksum(header));

        AssertRefused(path, "1073741824 hidden layers");
    }

    [Fact]
    public void A_header_describing_too_many_parameters_is_refused()
    {
        // 2^24 * 2^24 weights: far beyond int.MaxValue, the most a flat float[] can hold.
        string path = Write(ModelFileBytes.WithChecksum(ModelFileBytes.Header(1, 1 << 24, [1 << 24], 2, 14)));

        AssertRefused(path, "has an implausible shape");
    }

    [Fact]
    public void A_parameter_count_that_disagrees_with_the_shape_is_refused()
    {
        string path = Write(ModelFileBytes.WithChecksum(ModelFileBytes.Header(1, 3, [2], 2, 13)));

        AssertRefused(path, "declares 13 parameters but shape 3-2-2 has 14");
    }

    [Fact]
    public void A_header_promising_a_huge_model_in_a_small_file_allocates_nothing_large()
    {
        // A consistent header for 16,777,216-100-10 (1.7 billion parameters, 6.7 GB) followed by a few bytes.
        var huge = new MlpShape(1 << 24, [100], 10);
        byte[] header = ModelFileBytes.Header(1, huge.Inputs, huge.Hidden, huge.Outputs, huge.ParameterCount);
        string path = Write(ModelFileBytes.WithChecksum(header));

        long before = GC.GetAllocatedBytesForCurrentThread();
        string message = AssertRefused(path, "is truncated");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("header describes", message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"loading allocated {allocated} bytes");
    }

    [Fact]
    public void A_model_of_another_shape_is_refused_when_a_shape_is_expected()
    {
        string path = _folder.File("model.bin");
        var wide = new MlpShape(784, [256], 10);
        ModelFile.Save(path, wide, new float[wide.ParameterCount]);

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, MlpShape.Seed));

        Assert.Equal($"{path} has shape 784-256-10 but 784-128-10 was expected", error.Message);
    }

    [Fact]
    public void Messages_are_one_line()
    {
        byte[] bytes = Good();
        bytes[^1] ^= 1;

        string message = AssertRefused(Write(bytes), "checksum mismatch");

        Assert.DoesNotContain('\n', message);
    }

    private static byte[] Good() => ModelFileBytes.Complete(SmallShape, ModelFileBytes.Counting(SmallShape.ParameterCount));

    private string Write(byte[] bytes)
    {
        string path = _folder.File($"model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string AssertRefused(string path, string expected)
    {
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        return error.Message;
    }
}
