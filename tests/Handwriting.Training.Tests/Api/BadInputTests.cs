using Handwriting.Api;
using Handwriting.Training.Model;
using static Handwriting.Api.Layers;

namespace Handwriting.Training.Tests.Api;

/// <summary>
/// Bad input through the public API: each refusal is an exception that names the argument (or the
/// file) and says what is wrong, raised before anything is trained or written. None of these opens
/// an accelerator except where a model must predict.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly Layer[] Seed = [Dense(128, Activation.Relu), Dropout(0.2), Dense(10, Activation.Softmax)];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<Layer[], string> UntrainableLayers => new()
    {
        { [], "the last layer must be Dense(10, Softmax)" },
        { [Dense(128, Activation.Relu), Dense(10, Activation.Relu)], "the last layer must be Dense(10, Softmax)" },
        { [Dense(128, Activation.Relu), Dense(12, Activation.Softmax)], "layers[1]: Dense(12, softmax) has 12 units" },
        { [Dense(128, Activation.Softmax), Dense(10, Activation.Softmax)], "layers[0]: Dense(128, softmax): a hidden layer must be Dense(units, Relu)" },
        { [Dense(0, Activation.Relu), Dense(10, Activation.Softmax)], "layers[0]: Dense(0, relu)" },
        { [Dropout(0.2), Dense(128, Activation.Relu), Dense(10, Activation.Softmax)], "layers[0]: Dropout(0.2) must follow a hidden Dense layer" },
        { [Dense(128, Activation.Relu), Dropout(1.0), Dense(10, Activation.Softmax)], "layers[1]: Dropout(1): the rate must be at least 0 and below 1" },
        { [Dense(64, Activation.Relu), Dropout(0.2), Dense(32, Activation.Relu), Dropout(0.5), Dense(10, Activation.Softmax)], "dropout must follow every hidden layer at one rate" },
        { [Dense(64, Activation.Relu), Dropout(0.2), Dense(32, Activation.Relu), Dense(10, Activation.Softmax)], "found 1 Dropout layers for 2 hidden layers" },
    };

    [Theory]
    [MemberData(nameof(UntrainableLayers))]
    public void A_model_the_kernels_cannot_train_is_refused_naming_the_layers(Layer[] layers, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Sequential.Create(784, layers));

        Assert.Equal("layers", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_other_than_784_pixels_are_a_wrong_shape_naming_inputs()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Sequential.Create(100, Seed));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("784 pixels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("2")]
    [InlineData("")]
    public void An_unknown_accelerator_is_refused_naming_it(string accelerator)
    {
        var error = Assert.Throws<ArgumentException>(() => Sequential.Create(784, Seed, accelerator));

        Assert.Equal("accelerator", error.ParamName);
        Assert.Contains($"'{accelerator}' is not an accelerator: auto, cuda, opencl or cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_accelerator_is_refused_when_loading_too()
    {
        string path = _folder.File("model.bin");
        using (var model = Sequential.Create(784, Seed))
        {
            model.Save(path);
        }

        Assert.Equal("accelerator", Assert.Throws<ArgumentException>(() => Sequential.Load(path, "gpu")).ParamName);
    }

    [Theory]
    [InlineData(783)]
    [InlineData(785)]
    [InlineData(0)]
    public void Predicting_pixels_that_are_not_whole_images_is_a_wrong_shape_naming_images(int length)
    {
        using var model = Sequential.Create(784, Seed, "cpu");

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new float[length]));

        Assert.Equal("images", error.ParamName);
        Assert.Contains($"{length} pixels are not a whole number of 784-pixel images", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(255f, "255")]
    [InlineData(-0.5f, "-0.5")]
    public void A_NaN_or_out_of_range_pixel_is_refused_naming_images_and_the_image(float bad, string shown)
    {
        using var model = Sequential.Create(784, Seed, "cpu");
        float[] images = new float[3 * 784];
        images[784 + 17] = bad;

        var error = Assert.Throws<ArgumentException>(() => model.Predict(images));

        Assert.Equal("images", error.ParamName);
        Assert.Contains($"image 1, pixel 17 is {shown}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_of_NaN_pixels_is_refused_naming_pixels()
    {
        float[] pixels = new float[2 * 784];
        pixels[784] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => Dataset.FromPixels(pixels, [1, 2]));

        Assert.Equal("pixels", error.ParamName);
        Assert.Contains("image 1, pixel 0 is NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_whose_pixels_and_labels_disagree_is_a_wrong_shape_naming_pixels()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset.FromPixels(new float[784 * 2 - 1], [1, 2]));

        Assert.Equal("pixels", error.ParamName);
        Assert.Contains("1567 pixels are not 2 images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_that_is_not_a_digit_is_refused_naming_labels()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset.FromPixels(new float[784 * 2], [3, 10]));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("label 1 is 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_model_refuses_every_use_naming_the_model()
    {
        var model = Sequential.Create(784, Seed, "cpu");
        model.Compile(Optimizer.Adam());
        model.Dispose();
        var train = Dataset.FromPixels(new float[784 * 4], [0, 1, 2, 3]);

        var uses = new Action[]
        {
            () => model.Fit(train),
            () => model.Evaluate(train),
            () => model.Predict(train),
            () => model.Predict(new float[784]),
            () => model.Save(_folder.File("model.bin")),
            () => model.ExportOnnx(_folder.File("model.onnx")),
            () => model.Compile(Optimizer.Adam()),
            () => _ = model.Device,
        };
        foreach (var use in uses)
        {
            var error = Assert.Throws<ObjectDisposedException>(use);
            Assert.Equal(typeof(Sequential).FullName, error.ObjectName);
        }

        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Loading_a_missing_model_file_names_the_file()
    {
        string path = _folder.File("absent.bin");

        var error = Assert.Throws<ModelFileException>(() => Sequential.Load(path));

        Assert.Contains($"{path} does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_file_that_is_no_model_names_the_file()
    {
        string path = _folder.File("not-a-model.bin");
        File.WriteAllText(path, "hello");

        var error = Assert.Throws<ModelFileException>(() => Sequential.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_into_a_missing_folder_names_the_folder_and_writes_nothing()
    {
        using var model = Sequential.Create(784, Seed);
        string folder = Path.Combine(_folder.Path, "absent");

        var save = Assert.Throws<DirectoryNotFoundException>(() => model.Save(Path.Combine(folder, "model.bin")));
        var export = Assert.Throws<DirectoryNotFoundException>(() => model.ExportOnnx(Path.Combine(folder, "model.onnx")));
        var plot = Assert.Throws<DirectoryNotFoundException>(() => Dataset.FromPixels(new float[784], [7]).Plot().Save(Path.Combine(folder, "digit.png")));

        Assert.All(new[] { save, export, plot }, error => Assert.Contains($"the folder {folder} does not exist", error.Message, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Fit_before_Compile_says_to_compile()
    {
        using var model = Sequential.Create(784, Seed, "cpu");

        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(Dataset.FromPixels(new float[784 * 4], [0, 1, 2, 3])));

        Assert.Contains("Compile", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 32, 0.2, "epochs")]
    [InlineData(1, 0, 0.2, "batchSize")]
    [InlineData(1, 32, 1.0, "validationSplit")]
    [InlineData(1, 32, double.NaN, "validationSplit")]
    [InlineData(1, 32, 0.9, "train")]
    public void Fit_arguments_out_of_range_are_refused_naming_them(int epochs, int batchSize, double validationSplit, string argument)
    {
        using var model = Sequential.Create(784, Seed, "cpu");
        model.Compile(Optimizer.Adam());

        var error = Assert.ThrowsAny<ArgumentException>(() => model.Fit(Dataset.FromPixels(new float[784], [5]), epochs, batchSize, validationSplit));

        Assert.Equal(argument, error.ParamName);
        Assert.False(model.IsTrained);
    }

    [Theory]
    [InlineData(0.0, 0.9, 0.999, 1e-7, "learningRate")]
    [InlineData(double.NaN, 0.9, 0.999, 1e-7, "learningRate")]
    [InlineData(0.001, 1.0, 0.999, 1e-7, "beta1")]
    [InlineData(0.001, 0.9, -0.1, 1e-7, "beta2")]
    [InlineData(0.001, 0.9, 0.999, 0.0, "epsilon")]
    public void Adam_settings_out_of_range_are_refused_naming_them(double learningRate, double beta1, double beta2, double epsilon, string argument)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Optimizer.Adam(learningRate, beta1, beta2, epsilon));

        Assert.Equal(argument, error.ParamName);
    }
}
