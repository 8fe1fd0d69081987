using System.IO.Compression;
using System.Security.Cryptography;

namespace Handwriting.Training.Data;

/// <summary>
/// Whether the MNIST files in a folder are the original ones: the SHA-256 of each file's raw
/// bytes (a .gz is hashed as it decompresses) against the published checksum. Files that differ
/// may still be valid IDX data (a subset, another digit set in MNIST's format); they are then only
/// checked for structure, and `data` says so.
/// </summary>
public static class MnistChecksums
{
    /// <summary>For each of the four files found in <paramref name="directory"/>: its path and whether its content is the original's.</summary>
    public static IReadOnlyList<(string Path, bool Original)> Check(string directory) =>
        MnistFiles.All
            .Select(file => (file, path: file.FindIn(directory)))
            .Where(found => found.path is not null)
            .Select(found => (found.path!, IsOriginal(found.path!, found.file)))
            .ToList();

    private static bool IsOriginal(string path, MnistFile file)
    {
        using FileStream stream = File.OpenRead(path);
        using Stream content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        try
        {
            return string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256, StringComparison.Ordinal);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
