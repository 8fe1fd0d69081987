using Handwriting.Training.Model;

namespace Handwriting.Training.Tests.Model;

/// <summary>Saving never leaves a half-written model under the final name, nor a temporary file behind.</summary>
public sealed class ModelFileSaveTests : IDisposable
{
    private static readonly MlpShape SmallShape = new(3, [2], 2);

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_parameter_count_mismatch_throws_before_touching_the_existing_file()
    {
        string path = _folder.File("model.bin");
        ModelFile.Save(path, SmallShape, ModelFileBytes.Counting(SmallShape.ParameterCount));
        byte[] before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArgumentException>(() => ModelFile.Save(path, SmallShape, new float[SmallShape.ParameterCount + 1]));

        Assert.Contains("15 parameters were given but shape 3-2-2 has 14", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.bin"], FileNames());
    }

    [Fact]
    public void A_failed_rename_leaves_no_temporary_file_behind()
    {
        // A folder under the target name makes the final rename fail after the temporary file was written.
        string path = _folder.File("model.bin");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => ModelFile.Save(path, SmallShape, new float[SmallShape.ParameterCount]));

        Assert.Empty(FileNames());
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void Saving_into_a_missing_folder_fails_and_creates_nothing()
    {
        string path = Path.Combine(_folder.Path, "missing", "model.bin");

        var error = Assert.Throws<IOException>(() => ModelFile.Save(path, SmallShape, new float[SmallShape.ParameterCount]));

        Assert.Equal($"cannot write {path}: the folder {Path.GetDirectoryName(path)} does not exist", error.Message);

        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_relative_path_is_saved_beside_the_working_folder()
    {
        string path = Path.GetRelativePath(Environment.CurrentDirectory, _folder.File("relative.bin"));

        ModelFile.Save(path, SmallShape, new float[SmallShape.ParameterCount]);

        Assert.Equal(SmallShape, ModelFile.Load(path).Shape);
    }

    private string[] FileNames() => Directory.GetFiles(_folder.Path).Select(name => Path.GetFileName(name)!).ToArray();
}
