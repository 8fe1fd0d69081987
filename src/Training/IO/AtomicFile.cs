namespace Handwriting.Training.IO;

/// <summary>
/// Writes a file so that its final name only ever holds a complete file: the content goes to a
/// hidden temporary file in the target's folder (so the rename cannot cross file systems), which
/// then replaces the target in one rename. On failure the temporary file is removed and the error
/// names the path the caller asked for, not the temporary one.
/// <para>
/// A symbolic link is written through, as a shell's redirection does: the temporary file sits
/// beside the link's final target and is renamed onto it, so the link stays a link. A FIFO or a
/// device (--plot /dev/null, --onnx /dev/stdout) is written in place, without a temporary file:
/// renaming onto it would replace the device node itself with a regular file, and "complete or
/// absent" has no meaning for a stream; what the user asked for is the bytes sent there.
/// A folder is refused.
/// </para>
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    public static void Write(string path, Action<Stream> writeContent)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        string target = FinalTarget(path);
        FileStatus status = FileStatus.Of(target);
        if (status.Fault is string fault)
        {
            throw new IOException($"cannot write {path}: {fault}");
        }

        switch (status.Kind)
        {
            case FileKind.Directory:
                throw new IOException($"cannot write {path}: it is a folder");
            case FileKind.Special:
                WriteInPlace(path, target, writeContent);
                return;
            default:
                WriteAndRename(path, target, writeContent);
                return;
        }
    }

    /// <summary>The prefix of the temporary files made for <paramref name="fileName"/>, for sweeping and for tests.</summary>
    public static string TemporaryPrefix(string fileName) => $".{fileName}.";

    /// <summary>The file the path finally names: itself, or the end of its chain of symbolic links.</summary>
    private static string FinalTarget(string path)
    {
        string fullPath = Path.GetFullPath(path);
        try
        {
            return new FileInfo(fullPath).LinkTarget is null
                ? fullPath
                : File.ResolveLinkTarget(fullPath, returnFinalTarget: true)?.FullName ?? fullPath;
        }
        catch (IOException e)
        {
            // A loop of links ("Too many levels of symbolic links").
            throw new IOException($"cannot write {path}: {e.Message}", e);
        }
    }

    private static void WriteAndRename(string path, string target, Action<Stream> writeContent)
    {
        string folder = Path.GetDirectoryName(target) ?? throw new IOException($"cannot write {path}: it names no file");
        string name = Path.GetFileName(target);
        Leftovers.SweepFiles(folder, TemporaryPrefix(name), TemporarySuffix);
        string temporaryPath = Path.Combine(folder, Leftovers.NewName(TemporaryPrefix(name), TemporarySuffix));
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, target, overwrite: true);
        }
        catch (Exception e)
        {
            // File.Exists first: File.Delete throws when the folder itself is missing, which would
            // hide the original error.
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }

            if (Described(e, path, folder) is { } described)
            {
                throw described;
            }

            throw;
        }
    }

    private static void WriteInPlace(string path, string target, Action<Stream> writeContent)
    {
        try
        {
            using var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            writeContent(stream);
            stream.Flush();
        }
        catch (Exception e)
        {
            if (Described(e, path, Path.GetDirectoryName(target) ?? "/") is { } described)
            {
                throw described;
            }

            throw;
        }
    }

    /// <summary>A file-system failure as "cannot write PATH: why"; null for anything else, which the caller rethrows as it is.</summary>
    private static IOException? Described(Exception e, string path, string folder) => e switch
    {
        DirectoryNotFoundException => new IOException($"cannot write {path}: the folder {folder} does not exist", e),
        IOException or UnauthorizedAccessException => new IOException($"cannot write {path}: {e.Message}", e),
        _ => null,
    };
}
