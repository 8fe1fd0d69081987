using Handwriting.Training.Model;

namespace Handwriting.Training.Tests.Model;

public sealed class ModelFileRoundTripTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<int, int[], int> Shapes => new()
    {
        { 5, [], 3 },
        { 784, [128], 10 },
        { 7, [4, 6], 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Round_trip_keeps_the_shape_and_every_parameter_bit(int inputs, int[] hidden, int outputs)
    {
        var shape = new MlpShape(inputs, hidden, outputs);
        var random = new Random(1234);
        float[] parameters = new float[shape.ParameterCount];
        for (int i = 0; i < parameters.Length; i++)
        {
            // Random bit patterns cover signs, exponents and mantissas; a few special values go in
            // too. NaN and infinity are not among them: a model holding one is refused at load
            // (HostileModelFileTests).
            do
            {
                parameters[i] = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            }
            while (!float.IsFinite(parameters[i]));
        }

        float[] specials = [0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, -float.MaxValue,
            BitConverter.Int32BitsToSingle(0x0000_1234)];
        specials.AsSpan(0, Math.Min(specials.Length, parameters.Length)).CopyTo(parameters);
        string path = _folder.File("model.bin");

        ModelFile.Save(path, shape, parameters);
        (MlpShape loadedShape, float[] loaded) = ModelFile.Load(path);

        Assert.Equal(shape, loadedShape);
        Assert.Equal(shape.ToString(), loadedShape.ToString());
        Assert.Equal(
            parameters.Select(BitConverter.SingleToInt32Bits),
            loaded.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void The_file_follows_the_documented_layout_byte_for_byte()
    {
        var shape = new MlpShape(3, [2], 2);
        float[] parameters = ModelFileBytes.Counting(shape.ParameterCount);
        string path = _folder.File("model.bin");

        ModelFile.Save(path, shape, parameters);

        Assert.Equal(ModelFileBytes.Complete(shape, parameters), File.ReadAllBytes(path));
        Assert.Equal(28 + 4 + (14 * 4) + 32, new FileInfo(path).Length);
    }

    [Fact]
    public void Saving_over_an_existing_model_replaces_it()
    {
        var shape = new MlpShape(3, [2], 2);
        string path = _folder.File("model.bin");
        ModelFile.Save(path, shape, new float[shape.ParameterCount]);

        float[] second = ModelFileBytes.Counting(shape.ParameterCount);
        ModelFile.Save(path, shape, second);

        Assert.Equal(second, ModelFile.Load(path).Parameters);
        Assert.Equal(["model.bin"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Loading_with_the_expected_shape_returns_the_model()
    {
        string path = _folder.File("model.bin");
        float[] parameters = ModelFileBytes.Counting(MlpShape.Seed.ParameterCount);
        ModelFile.Save(path, MlpShape.Seed, parameters);

        (MlpShape shape, float[] loaded) = ModelFile.Load(path, new MlpShape(784, [128], 10));

        Assert.Equal(MlpShape.Seed, shape);
        Assert.Equal(parameters, loaded);
    }
}
