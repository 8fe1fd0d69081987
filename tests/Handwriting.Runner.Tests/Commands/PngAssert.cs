using SkiaSharp;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>A plot a command wrote: a PNG that decodes to a real picture, not an empty or stub file.</summary>
internal static class PngAssert
{
    public static void Valid(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        using SKBitmap image = SKBitmap.Decode(bytes);
        Assert.NotNull(image);
        Assert.InRange(image.Width, 100, 10_000);
        Assert.InRange(image.Height, 100, 10_000);
    }
}
