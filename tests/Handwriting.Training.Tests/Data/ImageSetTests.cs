using System.Runtime.InteropServices;
using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

public sealed class ImageSetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_keeps_the_pixel_bytes_and_an_image_reads_as_the_seed_scales_it()
    {
        ImageSet set = Load(IdxBytes.Images(3), IdxBytes.Labels([5, 0, 4]));

        Assert.Equal(3, set.Count);
        Assert.Equal((28, 28, 784), (set.Width, set.Height, set.PixelsPerImage));
        Assert.Equal(new[] { 5, 0, 4 }, set.Labels);
        for (int image = 0; image < 3; image++)
        {
            float[] scaled = set.Image(image);
            for (int pixel = 0; pixel < 784; pixel++)
            {
                Assert.Equal(IdxBytes.Pixel(image, pixel), set.Pixels.Span[image * 784 + pixel]);
                Assert.Equal(IdxBytes.Pixel(image, pixel) / 255f, scaled[pixel]);
            }
        }

        Assert.Equal(0, set.Pixels.ToArray().Min());
        Assert.Equal(255, set.Pixels.ToArray().Max());
    }

    [Fact]
    public void Slices_share_the_pixels_rather_than_copy_them()
    {
        ImageSet set = Synthetic(10);
        (ImageSet training, ImageSet validation) = set.Split(0.3);

        Assert.True(MemoryMarshal.TryGetArray(set.Pixels, out var whole));
        Assert.True(MemoryMarshal.TryGetArray(validation.Pixels, out var held));
        Assert.Same(whole.Array, held.Array);
        Assert.Equal(7 * 784, held.Offset);
        Assert.True(MemoryMarshal.TryGetArray(training.Take(2).Pixels, out var first));
        Assert.Same(whole.Array, first.Array);
    }

    [Fact]
    public void Load_refuses_image_and_label_counts_that_differ()
    {
        var error = Assert.Throws<MnistDataException>(() => Load(IdxBytes.Images(3), IdxBytes.Labels([1, 2])));

        Assert.Equal("train-images-idx3-ubyte holds 3 images but train-labels-idx1-ubyte holds 2 labels", error.Message);
    }

    [Fact]
    public void Constructor_refuses_pixels_that_do_not_make_whole_images()
    {
        Assert.Throws<ArgumentException>(() => new ImageSet(new byte[784 * 2 + 1], new int[2]));
    }

    [Theory]
    [InlineData(1000, 0.2, 800)]
    [InlineData(1000, 0.25, 750)]
    [InlineData(1000, 0.0, 1000)]
    [InlineData(10, 0.1, 9)]
    // Keras truncates: 7 * (1 - 0.3) is 4.8999999999999995 in doubles, so the cut is at 4.
    [InlineData(7, 0.3, 4)]
    [InlineData(3, 0.999, 0)]
    public void Split_holds_out_the_last_fraction_like_keras(int count, double fraction, int expectedTraining)
    {
        ImageSet set = Synthetic(count);

        (ImageSet training, ImageSet validation) = set.Split(fraction);

        Assert.Equal(expectedTraining, training.Count);
        Assert.Equal(count - expectedTraining, validation.Count);
        Assert.Equal(set.Labels[..expectedTraining], training.Labels);
        Assert.Equal(set.Labels[expectedTraining..], validation.Labels);
        Assert.Equal(set.Pixels[..(expectedTraining * 784)].ToArray(), training.Pixels.ToArray());
        Assert.Equal(set.Pixels[(expectedTraining * 784)..].ToArray(), validation.Pixels.ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Split_refuses_fractions_outside_0_to_1(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic(10).Split(fraction));

        Assert.Equal("validationFraction", error.ParamName);
    }

    [Fact]
    public void Take_keeps_the_first_images()
    {
        ImageSet set = Synthetic(10);

        ImageSet first = set.Take(3);

        Assert.Equal(3, first.Count);
        Assert.Equal(set.Labels[..3], first.Labels);
        Assert.Equal(set.Pixels[..(3 * 784)].ToArray(), first.Pixels.ToArray());
    }

    [Fact]
    public void Take_more_than_there_are_keeps_them_all()
    {
        ImageSet set = Synthetic(10);

        Assert.Equal(10, set.Take(11).Count);
        Assert.Equal(0, set.Take(0).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Take(-1));
    }

    private ImageSet Load(byte[] images, byte[] labels)
    {
        string imagesPath = _folder.File("train-images-idx3-ubyte");
        string labelsPath = _folder.File("train-labels-idx1-ubyte");
        File.WriteAllBytes(imagesPath, images);
        File.WriteAllBytes(labelsPath, labels);
        return ImageSet.Load(imagesPath, labelsPath);
    }

    /// <summary>Images whose pixels and labels all differ from each other, so any misplaced slice shows.</summary>
    private static ImageSet Synthetic(int count) =>
        new(
            Enumerable.Range(0, count * 784).Select(i => (byte)(i % 251)).ToArray(),
            Enumerable.Range(0, count).ToArray());
}
