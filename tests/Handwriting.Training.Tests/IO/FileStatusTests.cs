using Handwriting.Training.IO;

namespace Handwriting.Training.Tests.IO;

/// <summary>FileStatus reads .NET's native stat shim by offset: these pin its fields against stat(1) and ln.</summary>
public sealed class FileStatusTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Device_and_inode_are_those_stat_reports()
    {
        string path = _folder.File("a");
        File.WriteAllText(path, "a");

        FileStatus status = FileStatus.Of(path);

        Assert.Equal(FileKind.Regular, status.Kind);
        Assert.Equal(SpecialFiles.Run("stat", "-c", "%i", path), status.Inode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SpecialFiles.Run("stat", "-c", "%d", path), status.Device.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_hard_link_and_a_symbolic_link_are_the_same_file_and_a_copy_is_not()
    {
        string original = _folder.File("original");
        File.WriteAllText(original, "x");
        SpecialFiles.Run("ln", original, _folder.File("hard"));
        File.CreateSymbolicLink(_folder.File("soft"), original);
        File.Copy(original, _folder.File("copy"));

        Assert.True(FileStatus.SameFile(original, _folder.File("hard")));
        Assert.True(FileStatus.SameFile(_folder.File("soft"), _folder.File("hard")));
        Assert.False(FileStatus.SameFile(original, _folder.File("copy")));
        Assert.False(FileStatus.SameFile(original, _folder.File("missing")));
    }

    [Fact]
    public void Kinds_and_faults_are_told_apart()
    {
        Directory.CreateDirectory(_folder.File("folder"));
        SpecialFiles.Fifo(_folder.File("fifo"));
        File.CreateSymbolicLink(_folder.File("loop1"), _folder.File("loop2"));
        File.CreateSymbolicLink(_folder.File("loop2"), _folder.File("loop1"));

        Assert.Equal(FileKind.Directory, FileStatus.Of(_folder.File("folder")).Kind);
        Assert.Equal("a FIFO", FileStatus.Of(_folder.File("fifo")).SpecialName);
        Assert.Equal(FileKind.Special, FileStatus.Of("/dev/null").Kind);
        Assert.Equal("a character device", FileStatus.Of("/dev/null").SpecialName);
        Assert.Equal(FileKind.Missing, FileStatus.Of(_folder.File("missing")).Kind);
        Assert.Null(FileStatus.Of(_folder.File("missing")).Fault);
        Assert.Contains("symbolic links", FileStatus.Of(_folder.File("loop1")).Fault, StringComparison.Ordinal);
        Assert.Equal("is a FIFO, not a regular file", FileStatus.WhyNotReadable(_folder.File("fifo")));
    }
}
