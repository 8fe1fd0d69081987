using System.Formats.Tar;
using System.IO.Compression;

namespace Handwriting.Training.Tests.Data;

/// <summary>Writes .tgz files laid out like an npm package, for testing the unpacking without a network.</summary>
public static class Tarballs
{
    public static void Write(string path, IEnumerable<(string Name, byte[] Content)> entries)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach ((string name, byte[] content) in entries)
        {
            using var data = new MemoryStream(content);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data });
        }
    }
}
