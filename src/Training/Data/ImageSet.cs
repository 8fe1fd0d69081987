namespace Handwriting.Training.Data;

/// <summary>
/// A set of 28x28 grayscale digits with their labels, ready for the kernels: pixels as floats in
/// [0, 1] (Count x 784, row-major, image after image) and labels as ints (what the kernels take).
/// The arrays are shared, not copied: treat them as read-only.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(float[] pixels, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
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

    /// <summary>Count x Height x Width floats in [0, 1], row-major.</summary>
    public float[] Pixels { get; }

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

        return new ImageSet(ToUnitRange(pixels), Array.ConvertAll(labels, label => (int)label));
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
        new(
            Pixels.AsSpan(start * PixelsPerImage, count * PixelsPerImage).ToArray(),
            Labels.AsSpan(start, count).ToArray());

    // The seed's preprocessing, x / 255f exactly: a multiply by 1/255f would differ in the last bit
    // for some bytes and the trainers would no longer match the reference bit for bit.
    private static float[] ToUnitRange(byte[] pixels)
    {
        float[] scaled = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            scaled[i] = pixels[i] / 255f;
        }

        return scaled;
    }
}
