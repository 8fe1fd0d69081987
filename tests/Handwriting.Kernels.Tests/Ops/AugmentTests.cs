using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="Augment"/> against <see cref="AugmentReference"/> with the same draws, and the two
/// transforms whose result is known exactly: the identity and a shift by whole pixels.
/// </summary>
public abstract class AugmentTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    private const int Side = 28;
    private const int Pixels = Side * Side;
    private const uint Seed = 77;

    /// <summary>
    /// The kernel finds its source points in float, the reference in double: a point a few ulps
    /// apart moves a bilinear sample by at most that distance times the largest pixel step (1).
    /// </summary>
    private static readonly Tolerance Geometry = new(2e-5, 0);

    [DeviceTheory]
    [InlineData(1, 0f)]
    [InlineData(7, 0f)]
    [InlineData(32, 0f)]
    [InlineData(7, 2f)]
    [InlineData(32, 2f)]
    public void Matches_the_reference_with_the_same_draws(int rows, float elastic)
    {
        var random = new Random(RandomArrays.Seed(801, rows, (int)elastic));
        byte[] images = DigitLikeImages(random, 10);
        int[] indices = RandomArrays.Ints(random, rows, 10);
        var ranges = AugmentRanges.Affine.WithElastic(elastic);
        uint step = (uint)(rows + 3);
        var expected = new double[rows * Pixels];
        AugmentReference.Run(images, indices, expected, rows, Side, ranges, Seed, step);

        float[] actual = Run(images, indices, ranges, Seed, step);

        Geometry.AssertClose(expected, actual, $"Augment ({rows} rows), elastic {elastic}");
        Assert.NotEqual(Gathered(images, indices), actual);
    }

    [DeviceFact]
    public void Matches_the_reference_on_an_odd_sized_image()
    {
        const int side = 5;
        var random = new Random(802);
        byte[] images = RandomArrays.Bytes(random, 3 * side * side);
        int[] indices = [2, 0, 2, 1];
        var ranges = new AugmentRanges(-1f, 1f, -30f, 30f, 0.8f, 1.2f, 1f);
        var expected = new double[indices.Length * side * side];
        AugmentReference.Run(images, indices, expected, indices.Length, side, ranges, Seed, 5);

        using var source = Upload(images);
        using var rows = Upload(indices);
        using var destination = NaNs(expected.Length);
        Ops.Augment.Run(source.View, rows.View, destination.View, indices.Length, side, ranges, Seed, 5);

        Geometry.AssertClose(expected, Download(destination), "Augment (4 rows of 5 x 5)");
    }

    /// <summary>Every capture degradation on every image, with wide ranges.</summary>
    private static readonly CaptureRanges CaptureAlways = new(1f, 6f, 14f, 1f, 2f, 1f, -0.5f, 0.8f);

    [DeviceTheory]
    [InlineData(1, 0f, true)]
    [InlineData(5, 0f, false)]
    [InlineData(32, 0f, false)]
    [InlineData(7, 0f, true)]
    [InlineData(32, 2f, true)]
    public void Matches_the_reference_with_the_capture_degradations(int rows, float elastic, bool always)
    {
        var random = new Random(RandomArrays.Seed(806, rows, (int)elastic, always ? 1 : 0));
        byte[] images = DigitLikeImages(random, 10);
        int[] indices = RandomArrays.Ints(random, rows, 10);
        var ranges = AugmentRanges.Affine.WithElastic(elastic).WithCapture(always ? CaptureAlways : CaptureRanges.Captures);
        uint step = (uint)(rows + 9);
        var expected = new double[rows * Pixels];
        AugmentReference.Run(images, indices, expected, rows, Side, ranges, Seed, step);

        float[] actual = Run(images, indices, ranges, Seed, step);

        Geometry.AssertClose(expected, actual, $"Augment with capture ({rows} rows), elastic {elastic}, always {always}");
        Assert.NotEqual(Run(images, indices, AugmentRanges.Affine.WithElastic(elastic), Seed, step), actual);
    }

    /// <summary>Awkward shapes: 5 x 5 and 13 x 13 images, grids of 4 to 5 cells, more rows than source images.</summary>
    [DeviceTheory]
    [InlineData(5, 4)]
    [InlineData(13, 9)]
    public void Matches_the_reference_with_the_capture_degradations_on_odd_sized_images(int side, int count)
    {
        var random = new Random(RandomArrays.Seed(807, side));
        byte[] images = RandomArrays.Bytes(random, 3 * side * side);
        int[] indices = RandomArrays.Ints(random, count, 3);
        var ranges = new AugmentRanges(-1f, 1f, -30f, 30f, 0.8f, 1.2f, 1f, CaptureAlways with { CoarseChance = 0.5f, CoarseMinCells = 4f, CoarseMaxCells = 5f });
        var expected = new double[count * side * side];
        AugmentReference.Run(images, indices, expected, count, side, ranges, Seed, 3);

        using var source = Upload(images);
        using var rows = Upload(indices);
        using var destination = NaNs(expected.Length);
        Ops.Augment.Run(source.View, rows.View, destination.View, count, side, ranges, Seed, 3);

        Geometry.AssertClose(expected, Download(destination), $"Augment with capture ({count} rows of {side} x {side})");
    }

    /// <summary>
    /// Blur of spread 0, pen 0, no coarse grid: the capture path then reads every pixel as the
    /// plain augmentation does, bit for bit (and without capture ranges the kernel is the one
    /// it was, so `train --augment` trains as before).
    /// </summary>
    [DeviceFact]
    public void Captures_that_change_nothing_give_the_plain_augmentation_bit_for_bit()
    {
        var random = new Random(808);
        byte[] images = DigitLikeImages(random, 5);
        int[] indices = [4, 2, 0, 1, 3, 2];
        var idle = new CaptureRanges(0f, 8f, 16f, 1f, 0f, 1f, 0f, 0f);

        Assert.True(idle.Any);
        Assert.Equal(Run(images, indices, AugmentRanges.Affine, Seed, 4), Run(images, indices, AugmentRanges.Affine.WithCapture(idle), Seed, 4));
    }

    [DeviceFact]
    public void The_identity_returns_every_image_unchanged()
    {
        var random = new Random(803);
        byte[] images = DigitLikeImages(random, 6);
        int[] indices = [5, 0, 3, 3, 1];

        float[] actual = Run(images, indices, AugmentRanges.Identity, Seed, 11);

        Assert.Equal(Gathered(images, indices), actual);
    }

    [DeviceTheory]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_whole_pixel_shift_moves_every_pixel_exactly(int shift)
    {
        var random = new Random(RandomArrays.Seed(804, shift + 10));
        byte[] images = RandomArrays.Bytes(random, 4 * Pixels);
        int[] indices = [3, 1, 0];
        var expected = new float[indices.Length * Pixels];
        for (int r = 0; r < indices.Length; r++)
        {
            for (int y = 0; y < Side; y++)
            {
                for (int x = 0; x < Side; x++)
                {
                    int fromX = x - shift;
                    int fromY = y - shift;
                    bool inside = fromX is >= 0 and < Side && fromY is >= 0 and < Side;
                    expected[(r * Pixels) + (y * Side) + x] = inside ? images[(indices[r] * Pixels) + (fromY * Side) + fromX] / 255f : 0f;
                }
            }
        }

        Assert.Equal(expected, Run(images, indices, AugmentRanges.Shift(shift), Seed, 2));
    }

    [DeviceFact]
    public void The_same_seed_and_step_repeat_and_others_differ()
    {
        var random = new Random(805);
        byte[] images = DigitLikeImages(random, 4);
        int[] indices = [0, 1, 2, 3];
        float[] first = Run(images, indices, AugmentRanges.Affine, Seed, 1);

        Assert.Equal(first, Run(images, indices, AugmentRanges.Affine, Seed, 1));
        Assert.NotEqual(first, Run(images, indices, AugmentRanges.Affine, Seed, 2));
        Assert.NotEqual(first, Run(images, indices, AugmentRanges.Affine, Seed + 1, 1));
    }

    [DeviceTheory]
    [InlineData("source")]
    [InlineData("indices")]
    [InlineData("destination")]
    [InlineData("rows")]
    [InlineData("side")]
    [InlineData("ranges")]
    public void Rejects_a_wrong_shape_or_range_before_launching(string argument)
    {
        const int rows = 3;
        using var source = Upload(new byte[SizeOf(argument, "source", 4 * Pixels)]);
        using var indices = Upload(new int[SizeOf(argument, "indices", rows)]);
        using var destination = NaNs(SizeOf(argument, "destination", rows * Pixels));
        var ranges = argument == "ranges" ? AugmentRanges.Affine with { ScaleMin = 0f } : AugmentRanges.Affine;
        AssertRejects(argument, destination, () => Ops.Augment.Run(
            source.View, indices.View, destination.View, ExtentOf(argument, "rows", rows), ExtentOf(argument, "side", Side), ranges, Seed, 1));
    }

    [DeviceFact]
    public void Rejects_capture_ranges_at_fault_before_launching()
    {
        using var source = Upload(new byte[2 * Pixels]);
        using var indices = Upload(new int[2]);
        using var destination = NaNs(2 * Pixels);
        var ranges = AugmentRanges.Affine.WithCapture(CaptureRanges.Captures with { PenMax = 1f });
        AssertRejects("ranges", destination, () => Ops.Augment.Run(source.View, indices.View, destination.View, 2, Side, ranges, Seed, 1));
    }

    private float[] Run(byte[] images, int[] indices, AugmentRanges ranges, uint seed, uint step)
    {
        using var source = Upload(images);
        using var rows = Upload(indices);
        using var destination = NaNs(indices.Length * Pixels);
        Ops.Augment.Run(source.View, rows.View, destination.View, indices.Length, Side, ranges, seed, step);
        return Download(destination);
    }

    /// <summary>The images named by indices, as the network sees them (byte / 255f), undistorted.</summary>
    private static float[] Gathered(byte[] images, int[] indices) =>
        indices.SelectMany(index => images.AsSpan(index * Pixels, Pixels).ToArray()).Select(b => b / 255f).ToArray();

    /// <summary>Images like MNIST's: zero background, a random blob of ink in the middle 20 x 20.</summary>
    private static byte[] DigitLikeImages(Random random, int count)
    {
        var images = new byte[count * Pixels];
        for (int i = 0; i < images.Length; i++)
        {
            int x = i % Side;
            int y = i / Side % Side;
            bool middle = x is >= 4 and < 24 && y is >= 4 and < 24;
            images[i] = middle && random.NextDouble() < 0.4 ? (byte)random.Next(1, 256) : (byte)0;
        }

        return images;
    }
}

[Collection(CpuCollection.Name)]
public sealed class AugmentOnCpu(CpuDeviceFixture fixture) : AugmentTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class AugmentOnCuda(CudaDeviceFixture fixture) : AugmentTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class AugmentOnOpenCL(OpenCLDeviceFixture fixture) : AugmentTests(fixture);
