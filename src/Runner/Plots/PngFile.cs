using ScottPlot;

namespace Handwriting.Runner.Plots;

/// <summary>Saves a plot as a PNG without ever leaving a half-written image under the final name.</summary>
internal static class PngFile
{
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"{path} names no file", nameof(path));
        string temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporaryPath, png);
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

            // The system's message names the hidden temporary file; the user asked for `path`.
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
