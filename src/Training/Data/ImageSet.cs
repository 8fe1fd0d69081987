namespace Handwriting.Training.Data;

/// <summary>
/// A set of 28x28 grayscale digits with their labels: pixels as the IDX file's bytes, 0 (paper)
/// to 255 (ink), Count x 784, row-major, image after image, and labels as ints (what the kernels
/// take). The pixels stay bytes all the way to the kernels, which scale them by 1/255 as they read
/// them: a float copy of MNIST would be four times its 55 MB. Slices (<see cref="Split"/>,
/// <see cref="Take"/>) share the one pixel array: treat it as read-only.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(ReadOnlyMemory<byte> pixels, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != (long)labels.Length * IdxReader.PixelsPerImage)
        {
            throw new ArgumentException(
                $"{pixels.Length} pixels do not make {labels.Length} images of {IdxReader.PixelsPerImage} pixels",
                nameof(pixels));
        }

        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>Count x Height x Width bytes, 0 to 255, row-major.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>Count digits, each 0..9.</summary>
    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int Width { get; } = IdxReader.ImageSide;

    public int Height { get; } = IdxReader.ImageSide;

    public int PixelsPerImage => Width * Height;

    /// <summary>Reads an image file and its label file (raw or .gz) and checks that they belong together.</summary>
    public static ImageSet Load(string imagesPath, string labelsPath)
    {
        // The two headers are compared before any pixel is decompressed: a file that claims a
        // million images beside 10,000 labels is refused at the cost of reading 24 bytes.
        long claimedImages = IdxReader.ReadImageCount(imagesPath);
        long claimedLabels = IdxReader.ReadLabelCount(labelsPath);
        if (claimedImages != claimedLabels)
        {
            throw Mismatch(imagesPath, claimedImages, labelsPath, claimedLabels);
        }

        byte[] labels = IdxReader.ReadLabels(labelsPath);
        byte[] pixels = IdxReader.ReadImages(imagesPath);
        int images = pixels.Length / IdxReader.PixelsPerImage;
        if (images != labels.Length)
        {
            throw Mismatch(imagesPath, images, labelsPath, labels.Length);
        }

        return new ImageSet(pixels, Array.ConvertAll(labels, label => (int)label));
    }

    /// <summary>The bytes of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> ImageBytes(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.Span.Slice(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>Image <paramref name="index"/> as the network sees it: PixelsPerImage floats in [0, 1] (see <see cref="UnitRange"/>).</summary>
    public float[] Image(int index) => UnitRange(ImageBytes(index));

    /// <summary>
    /// The seed's preprocessing, x / 255f exactly, as every kernel that reads bytes computes it: a
    /// multiply by 1/255f would differ in the last bit for some bytes, and the kernels and this
    /// would no longer agree bit for bit.
    /// </summary>
    public static float[] UnitRange(ReadOnlySpan<byte> pixels)
    {
        float[] scaled = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            scaled[i] = pixels[i] / 255f;
        }

        return scaled;
    }

    private static MnistDataException Mismatch(string imagesPath, long images, string labelsPath, long labels) =>
        new($"{Path.GetFileName(imagesPath)} holds {images} images but {Path.GetFileName(labelsPath)} holds {labels} labels");

    /// <summary>
    /// Keras's validation_split: the LAST <paramref name="validationFraction"/> of the images,
    /// taken before any shuffling, become the validation set. The cut is at
    /// int(Count * (1 - fraction)) as Keras computes it: 60,000 at 0.2 gives 48,000 / 12,000.
    /// </summary>
    public (ImageSet Training, ImageSet Validation) Split(double validationFraction)
    {
        // Written as a negated range so that NaN is refused too.
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction), validationFraction, "the validation fraction must be at least 0 and below 1");
        }

        int splitAt = (int)(Count * (1.0 - validationFraction));
        return (Slice(0, splitAt), Slice(splitAt, Count - splitAt));
    }

    /// <summary>The first <paramref name="count"/> images (all of them if there are fewer), for quick runs with --limit.</summary>
    public ImageSet Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= Count ? this : Slice(0, count);
    }

    private ImageSet Slice(int start, int count) =>
        new(Pixels.Slice(start * PixelsPerImage, count * PixelsPerImage), Labels.AsSpan(start, count).ToArray());
}
