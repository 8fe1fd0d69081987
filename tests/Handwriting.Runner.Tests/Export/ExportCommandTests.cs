using Handwriting.Runner.Tests.Commands;
using Handwriting.Training.Model;

namespace Handwriting.Runner.Tests.Export;

/// <summary>`handwriting export`: what it prints, its exit codes, and that a failure leaves nothing behind.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Export_writes_only_the_onnx_file_and_says_what_it_holds()
    {
        string model = SaveModel();
        string onnx = _folder.File("out.onnx");

        CliRun result = CliRun.Of("export", "--model", model, "--onnx", onnx);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Empty(result.Stderr);
        string line = Assert.Single(result.StdoutLines);
        Assert.Equal($"Wrote {onnx}: 784-8-10, ONNX opset 13, input 'image' float[N,784], output 'probabilities' float[N,10]", line);
        Assert.Equal(["model.bin", "out.onnx"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Export_replaces_an_existing_file()
    {
        string model = SaveModel();
        string onnx = _folder.File("out.onnx");
        File.WriteAllText(onnx, "old");

        CliRun result = CliRun.Of("export", "--model", model, "--onnx", onnx);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(new FileInfo(onnx).Length > 784 * 8 * sizeof(float));
    }

    [Theory]
    [InlineData("--model")]
    [InlineData("--onnx")]
    public void A_missing_option_is_a_usage_error(string missing)
    {
        string model = SaveModel();
        string[] args = missing == "--model" ? ["export", "--onnx", _folder.File("out.onnx")] : ["export", "--model", model];

        CliRun result = CliRun.Of(args);

        Assert.Contains(missing, result.AssertOneLineError(2), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(["model.bin"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_model_fails_naming_it()
    {
        string missing = _folder.File("missing.bin");

        CliRun result = CliRun.Of("export", "--model", missing, "--onnx", _folder.File("out.onnx"));

        Assert.Contains(missing, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_corrupt_model_fails_naming_it()
    {
        string model = SaveModel();
        byte[] bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(model, bytes);

        CliRun result = CliRun.Of("export", "--model", model, "--onnx", _folder.File("out.onnx"));

        string message = result.AssertOneLineError(1);
        Assert.Contains(model, message, StringComparison.Ordinal);
        Assert.Contains("checksum", message, StringComparison.Ordinal);
        Assert.Equal(["model.bin"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_fails_naming_the_output()
    {
        string model = SaveModel();
        string onnx = Path.Combine(_folder.Path, "no-such-folder", "out.onnx");

        CliRun result = CliRun.Of("export", "--model", model, "--onnx", onnx);

        Assert.Contains(onnx, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(["model.bin"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_output_that_is_a_folder_fails_naming_it_and_leaves_no_temporary_file()
    {
        string model = SaveModel();
        string onnx = _folder.File("taken");
        Directory.CreateDirectory(onnx);

        CliRun result = CliRun.Of("export", "--model", model, "--onnx", onnx);

        Assert.Contains(onnx, result.AssertOneLineError(1), StringComparison.Ordinal);
        Assert.Equal(["model.bin", "taken"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(onnx));
    }

    private string SaveModel()
    {
        var shape = new MlpShape(784, [8], 10);
        string path = _folder.File("model.bin");
        ModelFile.Save(path, shape, new float[shape.ParameterCount]);
        return path;
    }
}
