using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Gathers a training batch and distorts every image on the way: destination image r is source
/// image indices[r] under a random affine transform (shift, rotation and scale about the image
/// centre) and, optionally, an elastic distortion, sampled bilinearly with zeros outside the image.
/// source is (SourceImages, Side x Side) bytes as the dataset holds them, scaled by 1/255 as they
/// are read; indices is (Rows), destination is (Rows, Side x Side) floats;
/// in training Side = 28 and Rows = B.
/// <para>
/// Each output pixel p is read from the source point q = c + R(-angle) (p - c - shift) / scale + e(p),
/// where c is the image centre and e the elastic displacement: the inverse of "scale and rotate
/// about c, then shift", so that every output pixel has exactly one source point. The elastic
/// field is smooth: displacements drawn at a 4 x 4 grid of control points spanning the image,
/// interpolated bilinearly between them. That is a cheap stand-in for Simard et al.'s
/// Gaussian-filtered per-pixel noise, which would need a convolution per image.
/// </para>
/// <para>
/// The draws come from <see cref="AugmentDraw"/> with (seed, step, r). The identity ranges give
/// back every image bit for bit (the source point is the pixel itself and its bilinear weight
/// is 1), and a whole-pixel shift moves it exactly.
/// </para>
/// </summary>
public sealed class Augment : IDeviceOp<Augment>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, AugmentRanges, uint, uint, int, int, int> _kernel;

    private Augment(DeviceOps ops)
    {
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, AugmentRanges, uint, uint, int, int, int>(Kernel);
    }

    static Augment IDeviceOp<Augment>.Load(DeviceOps ops) => new(ops);

    /// <summary>Checks and launches; indices must lie in [0, source images), which the caller's shuffle guarantees.</summary>
    public void Run(ArrayView<byte> source, ArrayView<int> indices, ArrayView<float> destination, int rows, int side, AugmentRanges ranges, uint seed, uint step)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(side, nameof(side));
        long pixels = (long)side * side;
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, rows * pixels, nameof(destination), $"({rows}, {side} x {side})");
        Require.WholeRows(source, pixels, nameof(source), $"{side} x {side} images");

        if (ranges.Fault() is { } fault)
        {
            throw new ArgumentException(fault, nameof(ranges));
        }

        var split = _ops.Launching(rows * pixels);
        _kernel(split.Threads, source, indices, destination, ranges, seed, step, side, checked((int)(rows * pixels)), split.ItemsPerThread);
    }

    /// <summary>
    /// One thread per chunk of output pixels (one pixel on a GPU). A thread draws an image's
    /// transform (and its capture degradations) when it reaches the image's first pixel in its
    /// chunk and keeps them for the rest.
    /// </summary>
    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<byte> source,
        ArrayView<int> indices,
        ArrayView<float> destination,
        AugmentRanges ranges,
        uint seed,
        uint step,
        int side,
        int count,
        int perThread)
    {
        int pixels = side * side;
        int first = thread * perThread;
        int last = Math.Min(first + perThread, count);
        int image = -1;
        long sourceImage = 0;
        var placement = default(Placement);
        bool capture = ranges.Capture.Any;
        bool coarse = false;
        float cellSize = 1f, offsetX = 0f, offsetY = 0f, spread = 0f, cellSpread = 0f, level = 0f;
        for (int e = first; e < last; e++)
        {
            int r = e / pixels;
            if (r != image)
            {
                image = r;
                sourceImage = (long)indices[r] * pixels;
                float radians = AugmentDraw.RotationDegrees(ranges, seed, step, r) * (MathF.PI / 180f);
                placement = new Placement(
                    (side - 1) * 0.5f,
                    MathF.Cos(radians),
                    MathF.Sin(radians),
                    1f / AugmentDraw.Scale(ranges, seed, step, r),
                    AugmentDraw.ShiftX(ranges, seed, step, r),
                    AugmentDraw.ShiftY(ranges, seed, step, r));
                if (capture)
                {
                    coarse = AugmentDraw.Coarse(ranges, seed, step, r);
                    cellSize = side / AugmentDraw.CoarseCells(ranges, seed, step, r);
                    offsetX = AugmentDraw.GridOffset(seed, step, r, 0) * cellSize;
                    offsetY = AugmentDraw.GridOffset(seed, step, r, 1) * cellSize;
                    spread = AugmentDraw.BlurSpread(ranges, seed, step, r);
                    // A cell averages its area: a box as wide as the cell has the variance of
                    // the binomial filter with taps cell / sqrt 6 apart, added to the blur's.
                    cellSpread = MathF.Sqrt((spread * spread) + (cellSize * cellSize / 6f));
                    level = AugmentDraw.PenLevel(ranges, seed, step, r);
                }
            }

            int p = e - (r * pixels);
            int y = p / side;
            int x = p - (y * side);
            if (!capture)
            {
                destination[e] = Distorted(source, sourceImage, side, placement, ranges, seed, step, r, x, y);
            }
            else if (!coarse)
            {
                destination[e] = Pen(Filtered(source, sourceImage, side, placement, ranges, seed, step, r, x, y, spread), level);
            }
            else
            {
                // Output pixel x lies between coarse cells i and i + 1, whose centres are at
                // offset + (i + 0.5) cell - 0.5: enlarged back bilinearly between them.
                float gridX = ((x + 0.5f - offsetX) / cellSize) - 0.5f;
                float gridY = ((y + 0.5f - offsetY) / cellSize) - 0.5f;
                float cellX = MathF.Floor(gridX);
                float cellY = MathF.Floor(gridY);
                float ax = gridX - cellX;
                float ay = gridY - cellY;
                float x0 = offsetX + ((cellX + 0.5f) * cellSize) - 0.5f;
                float y0 = offsetY + ((cellY + 0.5f) * cellSize) - 0.5f;
                float x1 = x0 + cellSize;
                float y1 = y0 + cellSize;
                float topLeft = Pen(Filtered(source, sourceImage, side, placement, ranges, seed, step, r, x0, y0, cellSpread), level);
                float topRight = Pen(Filtered(source, sourceImage, side, placement, ranges, seed, step, r, x1, y0, cellSpread), level);
                float bottomLeft = Pen(Filtered(source, sourceImage, side, placement, ranges, seed, step, r, x0, y1, cellSpread), level);
                float bottomRight = Pen(Filtered(source, sourceImage, side, placement, ranges, seed, step, r, x1, y1, cellSpread), level);
                destination[e] = Lerp(Lerp(topLeft, topRight, ax), Lerp(bottomLeft, bottomRight, ax), ay);
            }
        }
    }

    /// <summary>
    /// The distorted image at output point (x, y) seen through a binomial 3 x 3 filter whose taps
    /// lie spread pixels apart (weights 1 2 1 / 2 4 2 / 1 2 1 over 16); spread 0 is the point itself.
    /// </summary>
    private static float Filtered(ArrayView<byte> source, long image, int side, Placement placement, AugmentRanges ranges, uint seed, uint step, int row, float x, float y, float spread)
    {
        if (spread <= 0f)
        {
            return Distorted(source, image, side, placement, ranges, seed, step, row, x, y);
        }

        float sum = 0f;
        for (int j = -1; j <= 1; j++)
        {
            for (int i = -1; i <= 1; i++)
            {
                float weight = (2 - Math.Abs(i)) * (2 - Math.Abs(j));
                sum += weight * Distorted(source, image, side, placement, ranges, seed, step, row, x + (i * spread), y + (j * spread));
            }
        }

        return sum * (1f / 16f);
    }

    /// <summary>The pen's level shift k applied to value v: thicker for k &gt; 0, thinner for k &lt; 0, unchanged for 0 (see <see cref="CaptureRanges"/>).</summary>
    private static float Pen(float v, float k)
    {
        if (k > 0f)
        {
            return Math.Min(1f, v / (1f - k));
        }

        return k < 0f ? Math.Max(0f, (v + k) / (1f + k)) : v;
    }

    /// <summary>
    /// The source image read at the point output point (x, y) maps to: c + R(-angle) (p - c - shift) / scale + e(p).
    /// </summary>
    private static float Distorted(ArrayView<byte> source, long image, int side, Placement placement, AugmentRanges ranges, uint seed, uint step, int row, float x, float y)
    {
        float u = x - placement.Centre - placement.ShiftX;
        float v = y - placement.Centre - placement.ShiftY;
        float sourceX = placement.Centre + (((placement.Cos * u) + (placement.Sin * v)) * placement.InverseScale);
        float sourceY = placement.Centre + (((placement.Cos * v) - (placement.Sin * u)) * placement.InverseScale);
        if (ranges.Elastic > 0f)
        {
            sourceX += Elastic(ranges, seed, step, row, side, x, y, 0);
            sourceY += Elastic(ranges, seed, step, row, side, x, y, 1);
        }

        return Bilinear(source, image, side, sourceX, sourceY);
    }

    /// <summary>One image's affine transform: the image centre, cos and sin of the rotation, 1 / scale and the shift.</summary>
    private readonly record struct Placement(float Centre, float Cos, float Sin, float InverseScale, float ShiftX, float ShiftY);

    /// <summary>The elastic displacement along axis (0 x, 1 y) at output pixel (x, y): the control points' displacements interpolated bilinearly.</summary>
    private static float Elastic(AugmentRanges ranges, uint seed, uint step, int row, int side, float x, float y, int axis)
    {
        const int last = AugmentDraw.ElasticGrid - 1;
        float spacing = (side - 1) / (float)last;
        float gridX = x / spacing;
        float gridY = y / spacing;
        // Points outside the image (a coarse cell or a blur tap beyond the edge) extrapolate the nearest control cell.
        int gx = Math.Max(0, Math.Min((int)gridX, last - 1));
        int gy = Math.Max(0, Math.Min((int)gridY, last - 1));
        float ax = gridX - gx;
        float ay = gridY - gy;
        float top = Lerp(AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx, gy, axis), AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx + 1, gy, axis), ax);
        float bottom = Lerp(AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx, gy + 1, axis), AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx + 1, gy + 1, axis), ax);
        return Lerp(top, bottom, ay);
    }

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);

    /// <summary>The source image sampled at (x, y) between its four nearest pixels; pixels outside the image are 0.</summary>
    private static float Bilinear(ArrayView<byte> source, long image, int side, float x, float y)
    {
        float floorX = MathF.Floor(x);
        float floorY = MathF.Floor(y);
        int x0 = (int)floorX;
        int y0 = (int)floorY;
        float ax = x - floorX;
        float ay = y - floorY;
        return ((1f - ax) * (1f - ay) * Pixel(source, image, side, x0, y0))
            + (ax * (1f - ay) * Pixel(source, image, side, x0 + 1, y0))
            + ((1f - ax) * ay * Pixel(source, image, side, x0, y0 + 1))
            + (ax * ay * Pixel(source, image, side, x0 + 1, y0 + 1));
    }

    /// <summary>One source pixel as the seed scales it, byte / 255f; pixels outside the image are 0.</summary>
    private static float Pixel(ArrayView<byte> source, long image, int side, int x, int y) =>
        x >= 0 && x < side && y >= 0 && y < side ? source[image + ((long)y * side) + x] / 255f : 0f;
}
