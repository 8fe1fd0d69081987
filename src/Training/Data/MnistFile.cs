namespace Handwriting.Training.Data;

/// <summary>
/// One of the four standard MNIST files: its name and the SHA-256 of its raw (uncompressed) bytes.
/// </summary>
public sealed record MnistFile(string Name, string Sha256)
{
    /// <summary>The name of a gzipped copy, as the original MNIST site served them.</summary>
    public string GzipName => Name + ".gz";

    /// <summary>The path of this file in <paramref name="directory"/>, raw preferred over gzipped, or null if neither is there.</summary>
    public string? FindIn(string directory)
    {
        string raw = Path.Combine(directory, Name);
        if (File.Exists(raw))
        {
            return raw;
        }

        string gzipped = Path.Combine(directory, GzipName);
        return File.Exists(gzipped) ? gzipped : null;
    }
}
