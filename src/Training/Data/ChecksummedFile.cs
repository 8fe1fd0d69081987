using System.Security.Cryptography;

namespace Handwriting.Training.Data;

/// <summary>
/// Writes a file so that its final name only ever holds verified bytes: the content goes to a
/// temporary name in the same folder, is hashed on the way, and is moved to the final name only if
/// the SHA-256 matches. On any failure the temporary file is deleted and the final name untouched.
/// </summary>
public static class ChecksummedFile
{
    /// <summary>Suffix of the temporary files; they sit beside the final one so that the move is a rename.</summary>
    public const string TemporarySuffix = ".partial";

    private const int ChunkBytes = 1 << 16;

    /// <summary>Copies <paramref name="content"/> to <paramref name="finalPath"/> if its SHA-256 is <paramref name="expectedSha256"/>; returns its length.</summary>
    public static long WriteAtomically(Stream content, string finalPath, string expectedSha256)
    {
        ArgumentNullException.ThrowIfNull(content);
        string fullPath = Path.GetFullPath(finalPath);
        string name = Path.GetFileName(fullPath);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{name}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            (long length, string actualSha256) = CopyAndHash(content, temporary);
            if (!string.Equals(actualSha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new MnistDataException($"{name}: SHA-256 is {actualSha256}, expected {expectedSha256}; the download was discarded");
            }

            // Overwriting is safe and wanted: two processes fetching at once both write verified,
            // identical bytes, and a rename over the other's file is still atomic.
            File.Move(temporary, fullPath, overwrite: true);
            return length;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static (long Length, string Sha256) CopyAndHash(Stream content, string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        byte[] chunk = new byte[ChunkBytes];
        long length = 0;
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            hash.AppendData(chunk, 0, read);
            output.Write(chunk, 0, read);
            length += read;
        }

        output.Flush(flushToDisk: true);
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
