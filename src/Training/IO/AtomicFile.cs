namespace Handwriting.Training.IO;

/// <summary>
/// Writes a file so that its final name only ever holds a complete file: the content goes to a
/// hidden temporary file in the same folder (so the rename cannot cross file systems), which then
/// replaces the target in one rename. On failure the temporary file is removed and the error
/// names the path the caller asked for, not the temporary one.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> writeContent)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"{path} names no file", nameof(path));
        string temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch (Exception e)
        {
            // File.Exists first: File.Delete throws when the folder itself is missing, which would
            // hide the original error.
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }

            if (e is DirectoryNotFoundException)
            {
                throw new IOException($"cannot write {path}: the folder {folder} does not exist", e);
            }

            if (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot write {path}: {e.Message}", e);
            }

            throw;
        }
    }
}
