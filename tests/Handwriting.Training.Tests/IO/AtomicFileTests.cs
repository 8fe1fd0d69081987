using System.Text;
using Handwriting.Training.IO;

namespace Handwriting.Training.Tests.IO;

/// <summary>
/// Every file this program writes goes through AtomicFile (models, checkpoints, ONNX, plots,
/// JSON, MNIST downloads): it writes through symbolic links, writes into a FIFO or a device in
/// place instead of replacing it, refuses a folder, and sweeps the temporary files of dead runs.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_symbolic_link_is_written_through_and_stays_a_link()
    {
        string real = _folder.File("real.onnx");
        File.WriteAllText(real, "old");
        string link = _folder.File("link.onnx");
        File.CreateSymbolicLink(link, "real.onnx"); // relative, as ln -s makes it

        AtomicFile.Write(link, stream => stream.Write("new"u8));

        Assert.Equal("real.onnx", new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(real));
        Assert.Equal(["link.onnx", "real.onnx"], _folder.FileNames());
    }

    [Fact]
    public void A_chain_of_links_into_another_folder_writes_the_final_target()
    {
        Directory.CreateDirectory(_folder.File("elsewhere"));
        string real = _folder.File("elsewhere/model.bin");
        File.CreateSymbolicLink(_folder.File("first"), _folder.File("second"));
        File.CreateSymbolicLink(_folder.File("second"), real); // dangling: the target is created, as a shell's > does

        AtomicFile.Write(_folder.File("first"), stream => stream.Write("bytes"u8));

        Assert.Equal("bytes", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(_folder.File("first")).LinkTarget);
        Assert.NotNull(new FileInfo(_folder.File("second")).LinkTarget);
        Assert.Equal(["model.bin"], Directory.GetFiles(_folder.File("elsewhere")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_fifo_is_written_in_place_and_stays_a_fifo()
    {
        string fifo = SpecialFiles.Fifo(_folder.File("plot.png"));
        var reader = Task.Run(() => File.ReadAllBytes(fifo));

        await Task.Run(() => AtomicFile.Write(fifo, stream => stream.Write("through the pipe"u8))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("through the pipe", Encoding.ASCII.GetString(await reader.WaitAsync(TimeSpan.FromSeconds(20))));
        Assert.Equal("a FIFO", FileStatus.Of(fifo).SpecialName);
        Assert.DoesNotContain(_folder.FileNames(), name => name.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_character_device_is_written_in_place_and_not_replaced()
    {
        // A null device of our own where we may make one (root: mknod, as /dev/null is made), so
        // that a regression replaces that node, never the system's; elsewhere /dev/null, which a
        // regression cannot replace without root.
        string device = "/dev/null";
        if (Environment.UserName == "root")
        {
            device = _folder.File("null");
            SpecialFiles.Run("mknod", device, "c", "1", "3");
        }

        AtomicFile.Write(device, stream => stream.Write("discarded"u8));

        Assert.Equal("a character device", FileStatus.Of(device).SpecialName);
    }

    [Fact]
    public void A_folder_is_refused_naming_the_path()
    {
        string folder = _folder.File("plots");
        Directory.CreateDirectory(folder);

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(folder, stream => stream.Write("x"u8)));

        Assert.Equal($"cannot write {folder}: it is a folder", error.Message);
    }

    [Fact]
    public void A_loop_of_links_is_refused_naming_the_path()
    {
        File.CreateSymbolicLink(_folder.File("a"), _folder.File("b"));
        File.CreateSymbolicLink(_folder.File("b"), _folder.File("a"));

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(_folder.File("a"), stream => stream.Write("x"u8)));

        Assert.StartsWith($"cannot write {_folder.File("a")}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Temporary_files_of_dead_processes_are_swept_and_live_ones_kept()
    {
        // Process ids on Linux stay below 2^22: 99999999 names no process.
        string stale = _folder.File($".model.bin.99999999-{Guid.NewGuid():N}.tmp");
        string live = _folder.File($".model.bin.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        string other = _folder.File(".model.bin.not-ours.tmp");
        foreach (string path in new[] { stale, live, other })
        {
            File.WriteAllText(path, "leftover");
        }

        AtomicFile.Write(_folder.File("model.bin"), stream => stream.Write("model"u8));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
    }
}
