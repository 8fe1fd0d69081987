using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="Augment"/> against <see cref="Kernels.Reference.AugmentReference"/> with the same draws, and the two
/// transforms whose result is known exactly: the identity and a shift by whole pixels.
/// </summary>
public abstract class AugmentTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    private const int Side = 28;
    private const int Pixels = Side * Side;
    private const uint Seed = 77;

    /// <summary>Every capture degradation on every image, with wide ranges.</summary>
    private static readonly CaptureRanges CaptureAlways = AugmentCases.CaptureAlways;

    public static TheoryData<string> Cases => CatalogCases.Of(AugmentCases.Op, KernelVariant.Portable);

    public static TheoryData<string> DrawCases => CatalogCases.Of(AugmentCases.DrawsOp, KernelVariant.Portable);

    /// <summary>The catalog's shapes (<see cref="AugmentCases"/>, what `handwriting check` runs): batches, odd-sized images, with and without capture degradations, and the exact transforms.</summary>
    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_with_the_same_draws(string name) => AssertPasses(name);

    /// <summary>The draws the kernel computes on the device, bit for bit the host's, which the reference uses.</summary>
    [DeviceTheory]
    [MemberData(nameof(DrawCases))]
    public void Draws_what_the_host_draws_bit_for_bit(string name) => AssertPasses(name);

    /// <summary>The affine draw moves the images, the elastic one moves them further and the capture degradations change them again: the reference comparisons compare something.</summary>
    [DeviceFact]
    public void Each_kind_of_draw_changes_the_images()
    {
        var random = new Random(801);
        byte[] images = DigitLikeImages(random, 10);
        int[] indices = RandomArrays.Ints(random, 7, 10);
        float[] affine = Run(images, indices, AugmentRanges.Affine, Seed, 10);

        Assert.NotEqual(Gathered(images, indices), affine);
        Assert.NotEqual(affine, Run(images, indices, AugmentRanges.Affine.WithElastic(2f), Seed, 10));
        Assert.NotEqual(affine, Run(images, indices, AugmentRanges.Affine.WithCapture(CaptureAlways), Seed, 10));
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

    /// <summary>
    /// A coarse cell's value depends only on its indices, so the kernel's per-thread cell cache
    /// (used where a thread makes many pixels, on the CPU) must give every bit that computing all
    /// four corners for every pixel gives. The kernel is launched directly here, with a few fat
    /// threads on every backend, once with the cache and once without.
    /// </summary>
    [DeviceTheory]
    [InlineData(1, 0f)]
    [InlineData(3, 0f)]
    [InlineData(7, 2f)]
    public void The_cell_cache_changes_no_bit(int threads, float elastic)
    {
        const int rows = 6;
        var random = new Random(RandomArrays.Seed(809, threads));
        byte[] images = DigitLikeImages(random, 5);
        int[] indices = RandomArrays.Ints(random, rows, 5);
        var ranges = AugmentRanges.Affine.WithElastic(elastic).WithCapture(CaptureAlways with { CoarseMinCells = 4f, CoarseMaxCells = 26f });
        var kernel = Device.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, AugmentRanges, uint, uint, int, int, int, ArrayView<float>, int>(Augment.Kernel);
        int count = rows * Pixels;
        int perThread = (count + threads - 1) / threads;
        using var source = Upload(images);
        using var rowIndices = Upload(indices);
        using var cells = NaNs(2L * Augment.CachedCellColumns * threads);
        float[] Launch(int cellColumns)
        {
            using var destination = NaNs(count);
            kernel(threads, source.View, rowIndices.View, destination.View, ranges, Seed, 6, Side, count, perThread, cells.View, cellColumns);
            return Download(destination);
        }

        float[] cached = Launch(Augment.CachedCellColumns);

        Assert.Equal(Launch(0), cached);
        Assert.DoesNotContain(cached, float.IsNaN);
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
