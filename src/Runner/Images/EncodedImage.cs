using SkiaSharp;

namespace Handwriting.Runner.Images;

/// <summary>
/// An image file whose header has been read and accepted (a format this program reads, at most
/// <see cref="DigitImageFile.MaxPixels"/>), none of its pixels decoded yet. Knowing the size first
/// lets `serve` decide how to schedule the decode (<see cref="Serve.DigitReader"/>) and lets every
/// caller refuse a decompression bomb, whose header is all it takes to know what it would cost.
/// </summary>
public sealed class EncodedImage : IDisposable
{
    /// <summary>
    /// The formats read: the ones the page and the command line promise. Skia opens more (GIF,
    /// WebP, ICO, WBMP...), each another parser facing uploads; they are refused by name.
    /// </summary>
    private static readonly SKEncodedImageFormat[] Readable = [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Bmp];

    private readonly SKCodec _codec;
    private readonly IDisposable? _source;

    private EncodedImage(SKCodec codec, IDisposable? source, string name)
    {
        _codec = codec;
        _source = source;
        Name = name;
    }

    /// <summary>The file's path, or the name that stands for an upload in messages.</summary>
    public string Name { get; }

    public int Width => _codec.Info.Width;

    public int Height => _codec.Info.Height;

    /// <summary>Pixels as stored, which is what decoding them costs: 4 bytes each as RGBA, 4 as luminance.</summary>
    public long Pixels => (long)Width * Height;

    /// <summary>
    /// Checks an opened codec (or the reason it could not be opened): its format and the size its
    /// header states; takes ownership of <paramref name="codec"/> and <paramref name="source"/>.
    /// <paramref name="headerFault"/> tells a truncated PNG header from a damaged one.
    /// </summary>
    internal static EncodedImage Accept(SKCodec? codec, SKCodecResult opened, IDisposable? source, string name, long maxPixels, Func<string?> headerFault)
    {
        try
        {
            if (codec is null)
            {
                throw opened switch
                {
                    SKCodecResult.Unimplemented or SKCodecResult.InvalidInput =>
                        DigitImageFile.Problem(name, "is not an image this program can read (PNG, JPEG or BMP expected)"),
                    SKCodecResult.IncompleteInput => DigitImageFile.Problem(name, headerFault() ?? "is truncated: it ends inside the image header"),
                    _ => DigitImageFile.Problem(name, $"cannot be read ({opened})"),
                };
            }

            if (!Readable.Contains(codec.EncodedFormat))
            {
                throw DigitImageFile.Problem(name, $"is a {codec.EncodedFormat.ToString().ToUpperInvariant()} image; this program reads PNG, JPEG or BMP");
            }

            SKSizeI size = codec.Info.Size;
            long pixels = (long)size.Width * size.Height;
            if (size.Width <= 0 || size.Height <= 0)
            {
                throw DigitImageFile.Problem(name, $"claims a size of {size.Width} x {size.Height} pixels, which no image has");
            }

            if (pixels > maxPixels)
            {
                throw DigitImageFile.Problem(name,
                    $"is {size.Width} x {size.Height} pixels ({pixels / 1e6:0.#} megapixels); at most {maxPixels / 1e6:0.#} megapixels can be read: scale it down first");
            }

            return new EncodedImage(codec, source, name);
        }
        catch
        {
            codec?.Dispose();
            source?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The pixels as upright luminance. They are decoded into native memory, freed as soon as they
    /// are converted, so that the only large managed array an image leaves is its luminance.
    /// </summary>
    public LuminanceImage Decode()
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var pixels = new SKBitmap();
        if (!pixels.TryAllocPixels(info))
        {
            throw DigitImageFile.Problem(Name, $"cannot be decoded: no memory for its {Pixels / 1e6:0.#} megapixels");
        }

        SKCodecResult decoded = _codec.GetPixels(info, pixels.GetPixels());
        if (decoded is not SKCodecResult.Success)
        {
            throw DigitImageFile.Problem(Name, $"is truncated or damaged: its pixels cannot be decoded ({decoded})");
        }

        return LuminanceImage.FromRgba(pixels.GetPixelSpan(), Width, Height, _codec.EncodedOrigin);
    }

    public void Dispose()
    {
        _codec.Dispose();
        _source?.Dispose();
    }
}
