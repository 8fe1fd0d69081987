using Handwriting.Runner.Commands;
using Handwriting.Training.Model;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// Command lines a careful new user or a hostile tester types (issue 16): each ends in one line
/// naming the option or file and the fault, with the right exit code, before any work is done,
/// and replaces nothing of the user's.
/// </summary>
public sealed class HostileCommandLineTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data => _folder.File("mnist");

    // ---- Files the user owns

    [Fact]
    public void Export_onto_its_own_model_is_refused_and_the_model_kept()
    {
        string model = SmallModel("m.bin");
        byte[] before = File.ReadAllBytes(model);

        string line = CliRun.Of("export", "--model", model, "--onnx", model).AssertOneLineError(2);

        Assert.Contains($"--onnx {model}: is the same file as --model {model}", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void Export_onto_a_link_to_its_model_is_refused_whether_symbolic_or_hard()
    {
        string model = SmallModel("m.bin");
        File.CreateSymbolicLink(_folder.File("soft.onnx"), model);
        SpecialFiles.Run("ln", model, _folder.File("hard.onnx"));
        byte[] before = File.ReadAllBytes(model);

        CliRun.Of("export", "--model", model, "--onnx", _folder.File("soft.onnx")).AssertOneLineError(2);
        CliRun.Of("export", "--model", _folder.File("hard.onnx"), "--onnx", model).AssertOneLineError(2);

        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void Export_through_a_symbolic_link_writes_its_target()
    {
        string model = SmallModel("m.bin");
        string real = _folder.File("real.onnx");
        File.WriteAllText(real, "old");
        File.CreateSymbolicLink(_folder.File("link.onnx"), real);

        CliRun result = CliRun.Of("export", "--model", model, "--onnx", _folder.File("link.onnx"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(real, new FileInfo(_folder.File("link.onnx")).LinkTarget);
        Assert.True(new FileInfo(real).Length > 100);
    }

    [Fact]
    public void Evaluate_and_predict_refuse_a_plot_onto_their_model_or_data()
    {
        string model = SmallModel("m.bin");
        MnistFolder.WriteValid(Data, 10, 10);
        byte[] before = File.ReadAllBytes(model);

        CliRun.Of("evaluate", "--model", model, "--plot", model, "--data", Data, "--accelerator", "cpu").AssertOneLineError(2);
        CliRun.Of("predict", "--model", model, "--index", "0", "--plot", Path.Combine(Data, "t10k-images-idx3-ubyte"), "--data", Data, "--accelerator", "cpu").AssertOneLineError(2);
        CliRun.Of("predict", "--model", model, "--plot", model, "--index", "0", "--data", Data, "--accelerator", "cpu").AssertOneLineError(2);

        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.Equal(16 + (10 * 784), new FileInfo(Path.Combine(Data, "t10k-images-idx3-ubyte")).Length);
    }

    [Fact]
    public void Bench_writes_by_default_into_a_runs_folder_never_over_the_repository_files()
    {
        string folder = BenchCommand.DefaultFolder(new DateTime(2026, 11, 24, 5, 32, 0, DateTimeKind.Utc));

        Assert.Equal(Path.Combine("runs", "bench-20261124-053200"), folder);
    }

    // ---- Inputs that pass the checks but should not

    [Fact]
    public void A_training_file_without_images_is_named_before_training()
    {
        MnistFolder.WriteValid(Data, 0, 10);

        string line = CliRun.Of("train", "--data", Data, "--out", _folder.File("run"), "--accelerator", "cpu").AssertOneLineError(1);

        Assert.Contains("train-images-idx3-ubyte holds no image", line, StringComparison.Ordinal);
        Assert.DoesNotContain("--limit", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("run")), "a failed run leaves no folder");
    }

    [Fact]
    public void A_test_file_without_images_is_named_before_training()
    {
        MnistFolder.WriteValid(Data, 10, 0);

        CliRun result = CliRun.Of("train", "--data", Data, "--out", _folder.File("run"), "--accelerator", "cpu");

        Assert.Contains("t10k-images-idx3-ubyte holds no image", result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.DoesNotContain("Epoch 1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_with_a_nan_weight_is_refused_naming_it()
    {
        var shape = new MlpShape(784, [4], 10);
        float[] parameters = new float[shape.ParameterCount];
        parameters[17] = float.NaN;
        string model = _folder.File("nan.bin");
        ModelFile.Save(model, shape, parameters);

        string line = CliRun.Of("evaluate", "--model", model, "--json", "--accelerator", "cpu").AssertOneLineError(1);

        Assert.Contains($"{model} holds a non-finite parameter", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("257 layers")]
    [InlineData("a width")]
    public void Train_refuses_shapes_a_model_file_cannot_hold(string what)
    {
        string hidden = what == "257 layers" ? string.Join(',', Enumerable.Repeat("4", 257)) : $"{ModelFile.MaxLayerWidth + 1}";

        string line = CliRun.Of("train", "--hidden", hidden, "--out", _folder.File("run"), "--accelerator", "cpu").AssertOneLineError(2);

        Assert.StartsWith("handwriting: --hidden", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_hidden_is_refused_not_trained_as_784_10(string hidden)
    {
        string line = CliRun.Of("train", "--hidden", hidden, "--out", _folder.File("run"), "--accelerator", "cpu").AssertOneLineError(2);

        Assert.StartsWith("handwriting: --hidden", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--epochs", "2147483647", "--batch-size", "1")]
    [InlineData("--batch-size", "1000000000", "--epochs", "1")]
    [InlineData("--hidden", "3000000", "--epochs", "1")]
    [InlineData("--hidden", "46341,46341", "--epochs", "1")]
    public void Runs_that_overflow_or_do_not_fit_the_device_are_refused_naming_the_option(string option, string value, string other, string otherValue)
    {
        MnistFolder.WriteValid(Data, 10, 10);

        CliRun result = CliRun.Of("train", option, value, other, otherValue, "--data", Data, "--out", _folder.File("run"), "--accelerator", "cpu");

        string line = result.AssertOneLineError(2);
        Assert.StartsWith($"handwriting: {option} {value}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("run")));
    }

    [Theory]
    [InlineData("train", "--out")]
    [InlineData("export", "--onnx")]
    [InlineData("evaluate", "--model")]
    [InlineData("evaluate", "--plot")]
    [InlineData("predict", "--plot")]
    [InlineData("train", "--resume")]
    [InlineData("bench", "--out")]
    public void An_empty_value_is_a_one_line_usage_error(string command, string option)
    {
        string[] args = command switch
        {
            "export" => ["export", "--model", "m.bin", option, ""],
            "evaluate" or "predict" => [command, "--model", option == "--model" ? "" : "m.bin", .. option == "--model" ? Array.Empty<string>() : [option, ""], .. command == "predict" ? ["--index", "0"] : Array.Empty<string>()],
            _ => [command, option, ""],
        };

        Assert.Contains($"{option}: the value is empty", CliRun.Of(args).AssertOneLineError(2), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_image_path_is_a_one_line_usage_error()
    {
        Assert.Contains("the value is empty", CliRun.Of("predict", "--model", "m.bin", "").AssertOneLineError(2), StringComparison.Ordinal);
    }

    // ---- Wrong reasons

    [Fact]
    public void A_huge_weight_decay_is_blamed_not_the_learning_rate()
    {
        string line = CliRun.Of("train", "--weight-decay", "1e6", "--out", _folder.File("run")).AssertOneLineError(2);

        Assert.Contains("--weight-decay 1000000 with --learning-rate 0.001", line, StringComparison.Ordinal);
        Assert.DoesNotContain("smaller --learning-rate", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--learning-rate", "1e39")]
    [InlineData("--dropout", "-1e40")]
    [InlineData("--weight-decay", "3.5e38")]
    public void A_number_beyond_float_range_is_called_that(string option, string value)
    {
        string line = CliRun.Of("train", option, value).AssertOneLineError(2);

        Assert.Contains($"{option}: '{value}' is beyond the range of a float", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_naming_a_file_says_it_is_a_file()
    {
        string file = _folder.File("README.md");
        File.WriteAllText(file, "# not MNIST");

        string line = CliRun.Of("data", "--data", file).AssertOneLineError(1);

        Assert.Contains($"--data {file}: is a file, not a folder", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Put ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_that_is_a_loop_of_links_is_named_as_such()
    {
        File.CreateSymbolicLink(_folder.File("a.png"), _folder.File("b.png"));
        File.CreateSymbolicLink(_folder.File("b.png"), _folder.File("a.png"));
        string model = SmallModel("m.bin");

        string line = CliRun.Of("predict", "--model", model, _folder.File("a.png"), "--accelerator", "cpu").AssertOneLineError(1);

        Assert.Contains("symbolic links", line, StringComparison.Ordinal);
        Assert.DoesNotContain("InternalError", line, StringComparison.Ordinal);
    }

    // ---- What a person sees

    [Theory]
    [InlineData("trian", "train")]
    [InlineData("evalute", "evaluate")]
    [InlineData("predcit", "predict")]
    [InlineData("devcies", "devices")]
    public void A_mistyped_command_is_named_with_the_nearest(string typed, string nearest)
    {
        string line = CliRun.Of(typed).AssertOneLineError(2);

        Assert.Contains($"'{typed}' is not a command; did you mean '{nearest}'?", line, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_lists_the_commands()
    {
        Assert.Contains("no command given (commands: train, evaluate", CliRun.Of().AssertOneLineError(2), StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_after_index_says_to_put_images_first()
    {
        string line = CliRun.Of("predict", "--model", "m.bin", "--index", "3", "digit.png").AssertOneLineError(2);

        Assert.Contains("--index: 'digit.png' is not a whole number", line, StringComparison.Ordinal);
        Assert.Contains("put image files before it", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Int32", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_spells_accelerators_as_the_readme_does()
    {
        CliRun help = CliRun.Of("train", "--help");

        Assert.Contains("<auto|cuda|opencl|cpu>", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Auto|Cpu", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[default: Auto]", help.Stdout, StringComparison.Ordinal);
    }

    private string SmallModel(string name)
    {
        var shape = new MlpShape(784, [4], 10);
        string path = _folder.File(name);
        ModelFile.Save(path, shape, Enumerable.Range(0, shape.ParameterCount).Select(i => (i % 7) * 0.01f).ToArray());
        return path;
    }
}
