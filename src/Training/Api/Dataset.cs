using Handwriting.Training.Data;
using Handwriting.Training.Plots;

namespace Handwriting.Api;

/// <summary>
/// Labelled 28 x 28 grayscale digits, Keras's (x, y) pair: pixels scaled to [0, 1] (the seed's
/// x / 255), labels 0..9. <see cref="Mnist.Load"/> gives MNIST's; <see cref="FromPixels"/> makes one
/// from your own arrays.
/// </summary>
public sealed class Dataset
{
    /// <summary>Pixels in one image: 28 x 28.</summary>
    public const int ImagePixels = IdxReader.PixelsPerImage;

    internal Dataset(ImageSet images)
    {
        Images = images;
    }

    /// <summary>How many images the set holds.</summary>
    public int Count => Images.Count;

    /// <summary>The label (0..9) of each image, in order.</summary>
    public IReadOnlyList<int> Labels => Images.Labels;

    /// <summary>The images as the library's data layer holds them.</summary>
    internal ImageSet Images { get; }

    /// <summary>
    /// A dataset of your own images: <paramref name="pixels"/> holds <c>labels.Length</c> images of
    /// <see cref="ImagePixels"/> values in [0, 1], row-major, one after the other. They are kept as
    /// MNIST keeps its pixels, as 8-bit levels, round(value x 255): the kernels read those bytes
    /// and see level / 255, so a value that is already such a level (every MNIST pixel) comes back
    /// exactly, and any other moves by at most 1/510. <see cref="FromBytes"/> takes the levels.
    /// </summary>
    public static Dataset FromPixels(float[] pixels, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != (long)labels.Length * ImagePixels)
        {
            throw new ArgumentException($"{pixels.Length} pixels are not {labels.Length} images (one per label) of {ImagePixels} pixels", nameof(pixels));
        }

        PixelCheck.RequireUnitRange(pixels, nameof(pixels));
        return FromCheckedBytes(Array.ConvertAll(pixels, p => (byte)MathF.Round(p * 255f)), labels);
    }

    /// <summary>
    /// A dataset of your own images as MNIST's files hold them: <paramref name="pixels"/> holds
    /// <c>labels.Length</c> images of <see cref="ImagePixels"/> bytes, 0 (paper) to 255 (ink),
    /// row-major, one after the other; the network sees byte / 255.
    /// </summary>
    /// <param name="pixels">labels.Length x 784 pixel bytes.</param>
    /// <param name="labels">One digit 0..9 per image.</param>
    /// <returns>The dataset; it copies neither array, so leave them unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The pixels are not labels.Length whole images, or a label is not a digit; the exception names the argument and the image.</exception>
    public static Dataset FromBytes(byte[] pixels, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != (long)labels.Length * ImagePixels)
        {
            throw new ArgumentException($"{pixels.Length} pixels are not {labels.Length} images (one per label) of {ImagePixels} pixels", nameof(pixels));
        }

        return FromCheckedBytes(pixels, labels);
    }

    private static Dataset FromCheckedBytes(byte[] pixels, int[] labels)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] is < 0 or >= Training.Data.Mnist.Classes)
            {
                throw new ArgumentException($"label {i} is {labels[i]}, not a digit 0..9", nameof(labels));
            }
        }

        return new Dataset(new ImageSet(pixels, labels));
    }

    /// <summary>The first <paramref name="count"/> images (all of them when there are fewer), for a quick run.</summary>
    /// <param name="count">How many images to keep, at least 1.</param>
    /// <returns>A dataset of those images.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public Dataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new Dataset(Images.Take(count));
    }

    /// <summary>The 784 pixels of image <paramref name="index"/>, row-major, in [0, 1].</summary>
    /// <param name="index">Which image, from 0.</param>
    /// <returns>A copy of its pixels.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an image of the set.</exception>
    public float[] Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return PixelsOf(index);
    }

    /// <summary>
    /// The first <paramref name="count"/> images drawn in a grid, each captioned with its label and,
    /// when <paramref name="predictions"/> are given, the predicted digit ("pred 7 / true 7", red
    /// where wrong): the seed notebook's look at a test image.
    /// </summary>
    /// <param name="count">How many images, from the first, at least 1.</param>
    /// <param name="predictions">What <see cref="Sequential.Predict(Dataset)"/> said of this set, or null.</param>
    /// <param name="title">The picture's title; null for one that says what the captions show.</param>
    /// <returns>The picture.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or above the set's count.</exception>
    /// <exception cref="ArgumentException"><paramref name="predictions"/> holds fewer than <paramref name="count"/> predictions.</exception>
    public PlotImage Plot(int count = 1, IReadOnlyList<DigitProbabilities>? predictions = null, string? title = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        if (predictions is not null && predictions.Count < count)
        {
            throw new ArgumentException($"{predictions.Count} predictions for {count} images", nameof(predictions));
        }

        int width, height;
        using var plot = predictions is null
            ? PredictionGrid.BuildCaptioned(
                Enumerable.Range(0, count).Select(i => (PixelsOf(i), $"label {Images.Labels[i]}", false)).ToList(),
                title ?? "Images and their labels", out width, out height)
            : PredictionGrid.Build(
                Enumerable.Range(0, count).Select(i => (PixelsOf(i), (int?)predictions[i].Digit, (int?)Images.Labels[i])).ToList(),
                title ?? "Predicted (true) digits", out width, out height);
        return PlotImage.Render(plot, width, height);
    }

    /// <summary>The one place that reads an image's pixels out of the data layer.</summary>
    private float[] PixelsOf(int index) => Images.Image(index);
}
