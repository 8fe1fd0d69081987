using Handwriting.Training.IO;
using Handwriting.Training.Images;
using SkiaSharp;

namespace Handwriting.Runner.Images;

/// <summary>
/// Reads a PNG, JPEG or BMP file of one handwritten digit and prepares it as MNIST input. Every
/// failure is an <see cref="ImageFileException"/> whose message names the file.
/// </summary>
public static class DigitImageFile
{
    /// <summary>
    /// The most pixels decoded. A digit needs a tiny fraction of this; the bound keeps memory in
    /// check (4 bytes RGBA plus 4 bytes luminance a pixel) whatever size a header claims.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The 784 inputs (28x28, ink 1) of the digit in the image at <paramref name="path"/>.</summary>
    public static float[] LoadDigit(string path)
    {
        LuminanceImage image = Read(path);
        return DigitPreparation.Prepare(image.Luminance, image.Width, image.Height);
    }

    /// <summary>The image at <paramref name="path"/> as upright luminance, shrunk by the decoder if larger than <see cref="MaxPixels"/>.</summary>
    public static LuminanceImage Read(string path) => Read(path, MaxPixels);

    internal static LuminanceImage Read(string path, long maxPixels)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw Problem(path, "is a folder, not an image file");
        }

        // A loop of symbolic links or a FIFO would otherwise reach the decoder, which calls the
        // first an internal error and waits forever on the second.
        FileStatus status = FileStatus.Of(path);
        if (status.Fault is string fault)
        {
            throw Problem(path, $"cannot be opened: {fault}");
        }

        if (status.Kind == FileKind.Special)
        {
            throw Problem(path, $"is {status.SpecialName}, not an image file");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw Problem(path, "does not exist");
        }

        if (file.Length == 0)
        {
            throw Problem(path, "is empty");
        }

        using SKCodec? codec = SKCodec.Create(path, out SKCodecResult opened);
        return Decode(codec, opened, path, maxPixels);
    }

    /// <summary>
    /// An image received as bytes (an upload to `serve`), read exactly as a file is, with the same
    /// <see cref="MaxPixels"/>; <paramref name="name"/> stands for the file name in error messages.
    /// </summary>
    public static LuminanceImage Read(byte[] encoded, string name)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0)
        {
            throw Problem(name, "is empty");
        }

        using var stream = new MemoryStream(encoded, writable: false);
        using SKCodec? codec = SKCodec.Create(stream, out SKCodecResult opened);
        return Decode(codec, opened, name, MaxPixels);
    }

    private static LuminanceImage Decode(SKCodec? codec, SKCodecResult opened, string path, long maxPixels)
    {
        if (codec is null)
        {
            throw opened switch
            {
                SKCodecResult.Unimplemented or SKCodecResult.InvalidInput =>
                    Problem(path, "is not an image this program can read (PNG, JPEG or BMP expected)"),
                SKCodecResult.IncompleteInput => Problem(path, PngHeaderCheck.Fault(path) ?? "is truncated: it ends inside the image header"),
                _ => Problem(path, $"cannot be read ({opened})"),
            };
        }

        SKSizeI size = DecodedSize(codec, maxPixels, path);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        byte[] rgba = new byte[info.BytesSize64];
        SKCodecResult decoded = codec.GetPixels(info, rgba);
        if (decoded is not SKCodecResult.Success)
        {
            throw Problem(path, $"is truncated or damaged: its pixels cannot be decoded ({decoded})");
        }

        return ImageOrientation.Upright(LuminanceImage.FromRgba(rgba, size.Width, size.Height), codec.EncodedOrigin);
    }

    /// <summary>
    /// The stored size, or for an image above the limit the largest size the decoder itself can
    /// shrink to within it (JPEG decodes at 1/8 steps); formats that cannot shrink while decoding
    /// are refused, so an image is never decoded at a size beyond the limit.
    /// </summary>
    private static SKSizeI DecodedSize(SKCodec codec, long maxPixels, string path)
    {
        SKSizeI stored = codec.Info.Size;
        long pixels = (long)stored.Width * stored.Height;
        if (pixels <= maxPixels)
        {
            return stored;
        }

        for (int eighths = 7; eighths >= 1; eighths--)
        {
            SKSizeI scaled = codec.GetScaledDimensions(eighths / 8f);
            if ((long)scaled.Width * scaled.Height <= maxPixels && scaled.Width > 0 && scaled.Height > 0)
            {
                return scaled;
            }
        }

        throw Problem(path,
            $"is {stored.Width} x {stored.Height} pixels ({pixels / 1e6:0.#} megapixels); at most {maxPixels / 1e6:0.#} megapixels can be read: scale it down first");
    }

    private static ImageFileException Problem(string path, string what) => new($"{path} {what}");
}
