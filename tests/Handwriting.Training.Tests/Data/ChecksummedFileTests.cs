using System.Security.Cryptography;
using System.Text;
using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

public sealed class ChecksummedFileTests : IDisposable
{
    private static readonly byte[] Content = Encoding.ASCII.GetBytes("the bytes we expect");
    private static readonly string ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(Content));

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Matching_content_lands_under_the_final_name_and_nothing_else_remains()
    {
        using var source = new MemoryStream(Content);

        long length = ChecksummedFile.WriteAtomically(source, _folder.File("train-labels-idx1-ubyte"), ContentSha256);

        Assert.Equal(Content.Length, length);
        Assert.Equal(Content, File.ReadAllBytes(_folder.File("train-labels-idx1-ubyte")));
        Assert.Equal(["train-labels-idx1-ubyte"], _folder.FileNames());
    }

    [Fact]
    public void A_checksum_mismatch_leaves_no_file_at_all()
    {
        using var source = new MemoryStream(Encoding.ASCII.GetBytes("bytes somebody tampered with"));

        var error = Assert.Throws<MnistDataException>(
            () => ChecksummedFile.WriteAtomically(source, _folder.File("train-labels-idx1-ubyte"), ContentSha256));

        Assert.StartsWith("train-labels-idx1-ubyte: SHA-256 is ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($", expected {ContentSha256}; the download was discarded", error.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public void A_stream_that_fails_midway_leaves_no_file_at_all()
    {
        using var source = new FailingStream(Content);

        Assert.Throws<IOException>(
            () => ChecksummedFile.WriteAtomically(source, _folder.File("train-labels-idx1-ubyte"), ContentSha256));

        Assert.Empty(_folder.FileNames());
    }

    /// <summary>Yields some bytes, then fails as a dropped connection would.</summary>
    private sealed class FailingStream(byte[] firstBytes) : MemoryStream(firstBytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("connection reset");
        }
    }
}
