using System.Security.Cryptography;
using Handwriting.Training.IO;

namespace Handwriting.Training.Data;

/// <summary>
/// Writes a file so that its final name only ever holds verified bytes: the content is written
/// through <see cref="AtomicFile"/> (a temporary name beside the target, renamed at the end),
/// hashed on the way, and a SHA-256 mismatch fails the write before the rename. On any failure
/// the temporary file is deleted and the final name untouched.
/// </summary>
public static class ChecksummedFile
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Copies <paramref name="content"/> to <paramref name="finalPath"/> if its SHA-256 is <paramref name="expectedSha256"/>; returns its length.</summary>
    public static long WriteAtomically(Stream content, string finalPath, string expectedSha256, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string name = Path.GetFileName(finalPath);
        long length = 0;
        // Overwriting is safe and wanted: two processes fetching at once both write verified,
        // identical bytes, and a rename over the other's file is still atomic.
        AtomicFile.Write(finalPath, output =>
        {
            (length, string actualSha256) = CopyAndHash(content, output, cancel);
            if (!string.Equals(actualSha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new MnistDataException($"{name}: SHA-256 is {actualSha256}, expected {expectedSha256}; the download was discarded");
            }
        });
        return length;
    }

    private static (long Length, string Sha256) CopyAndHash(Stream content, Stream output, CancellationToken cancel)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = new byte[ChunkBytes];
        long length = 0;
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            hash.AppendData(chunk, 0, read);
            output.Write(chunk, 0, read);
            length += read;
        }

        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
