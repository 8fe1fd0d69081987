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
    /// The most pixels an image may have, in every format: its header says how many, and above
    /// this it is refused before any pixel is decoded. A digit needs a tiny fraction of this; the
    /// bound keeps memory in check (4 bytes RGBA, freed at once, plus 4 bytes luminance a pixel)
    /// whatever size a header claims. A 48-megapixel phone photo must be scaled down first.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The 784 inputs (28x28, ink 1) of the digit in the image at <paramref name="path"/>.</summary>
    public static float[] LoadDigit(string path)
    {
        LuminanceImage image = Read(path);
        return DigitPreparation.Prepare(image.Luminance, image.Width, image.Height);
    }

    /// <summary>The image at <paramref name="path"/> as upright luminance; refused if larger than <see cref="MaxPixels"/>.</summary>
    public static LuminanceImage Read(string path) => Read(path, MaxPixels);

    internal static LuminanceImage Read(string path, long maxPixels)
    {
        using EncodedImage image = Open(path, maxPixels);
        return image.Decode();
    }

    /// <summary>The image file at <paramref name="path"/>, its header read and checked, its pixels not yet decoded.</summary>
    public static EncodedImage Open(string path) => Open(path, MaxPixels);

    internal static EncodedImage Open(string path, long maxPixels)
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

        SKCodec? codec = SKCodec.Create(path, out SKCodecResult opened);
        return EncodedImage.Accept(codec, opened, null, path, maxPixels, () => PngHeaderCheck.Fault(path));
    }

    /// <summary>
    /// An image received as bytes (an upload to `serve`), read exactly as a file is, with the same
    /// <see cref="MaxPixels"/>; <paramref name="name"/> stands for the file name in error messages.
    /// </summary>
    public static LuminanceImage Read(byte[] encoded, string name)
    {
        using EncodedImage image = Open(encoded, name);
        return image.Decode();
    }

    /// <summary>As <see cref="Read(byte[], string)"/>, its header read and checked, its pixels not yet decoded.</summary>
    public static EncodedImage Open(byte[] encoded, string name)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0)
        {
            throw Problem(name, "is empty");
        }

        var stream = new MemoryStream(encoded, writable: false);
        SKCodec? codec = SKCodec.Create(stream, out SKCodecResult opened);
        return EncodedImage.Accept(codec, opened, stream, name, MaxPixels, () => PngHeaderCheck.Fault(encoded));
    }

    internal static ImageFileException Problem(string path, string what) => new($"{path} {what}");
}
