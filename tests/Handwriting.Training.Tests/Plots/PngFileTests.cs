using Handwriting.Training.Plots;
using ScottPlot;

namespace Handwriting.Training.Tests.Plots;

public sealed class PngFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_failed_rename_leaves_no_temporary_file_behind()
    {
        // A folder under the target name makes the final rename fail after the image was written.
        string path = _folder.File("plot.png");
        Directory.CreateDirectory(path);
        using var plot = new Plot();

        Assert.ThrowsAny<IOException>(() => PngFile.Save(plot, path, 100, 80));

        Assert.Empty(Directory.GetFiles(_folder.Path));
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void A_missing_folder_is_named_with_the_file_asked_for_not_the_temporary_one()
    {
        string path = Path.Combine(_folder.Path, "missing", "plot.png");
        using var plot = new Plot();

        var error = Assert.ThrowsAny<IOException>(() => PngFile.Save(plot, path, 100, 80));

        Assert.Equal($"cannot write {path}: the folder {Path.GetDirectoryName(path)} does not exist", error.Message);
    }

    [Fact]
    public void Saving_over_an_existing_image_replaces_it()
    {
        string path = _folder.File("plot.png");
        File.WriteAllText(path, "an old file");
        using var plot = new Plot();

        PngFile.Save(plot, path, 100, 80);

        Assert.Equal(0x89, File.ReadAllBytes(path)[0]);
        Assert.Equal(["plot.png"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }
}
