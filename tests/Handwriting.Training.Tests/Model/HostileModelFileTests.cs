using Handwriting.Training.Model;

namespace Handwriting.Training.Tests.Model;

/// <summary>Model files that pass the checksum but must still be refused at load, naming the file.</summary>
public sealed class HostileModelFileTests : IDisposable
{
    private static readonly MlpShape SmallShape = new(3, [2], 2);

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(float.NaN, 0, "layer 1's weights")]
    [InlineData(float.PositiveInfinity, 7, "layer 1's bias")]
    [InlineData(float.NegativeInfinity, 13, "layer 2's bias")]
    public void A_non_finite_parameter_with_a_valid_checksum_is_refused(float value, int index, string where)
    {
        float[] parameters = ModelFileBytes.Counting(SmallShape.ParameterCount);
        parameters[index] = value;
        string path = _folder.File("model.bin");
        File.WriteAllBytes(path, ModelFileBytes.Complete(SmallShape, parameters));

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.StartsWith($"{path} holds a non-finite parameter (", error.Message, StringComparison.Ordinal);
        Assert.Contains($"at index {index}, in {where}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        string fifo = SpecialFiles.Fifo(_folder.File("model.bin"));

        var error = await Task.Run(() => Assert.Throws<ModelFileException>(() => ModelFile.Load(fifo))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal($"{fifo} is a FIFO, not a regular file", error.Message);
    }

    [Fact]
    public void A_character_device_is_refused()
    {
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load("/dev/zero"));

        Assert.Equal("/dev/zero is a character device, not a regular file", error.Message);
    }
}
