using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Gathers a training batch and distorts every image on the way: destination image r is source
/// image indices[r] under a random affine transform (shift, rotation and scale about the image
/// centre) and, optionally, an elastic distortion, sampled bilinearly with zeros outside the image.
/// source is (SourceImages, Side x Side), indices is (Rows), destination is (Rows, Side x Side);
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
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, AugmentRanges, uint, uint, int, int, int> _kernel;

    private Augment(DeviceOps ops)
    {
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, AugmentRanges, uint, uint, int, int, int>(Kernel);
    }

    static Augment IDeviceOp<Augment>.Load(DeviceOps ops) => new(ops);

    /// <summary>Checks and launches; indices must lie in [0, source images), which the caller's shuffle guarantees.</summary>
    public void Run(ArrayView<float> source, ArrayView<int> indices, ArrayView<float> destination, int rows, int side, AugmentRanges ranges, uint seed, uint step)
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
    /// transform when it reaches the image's first pixel in its chunk and keeps it for the rest.
    /// </summary>
    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> source,
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
        float centre = (side - 1) * 0.5f;
        int first = thread * perThread;
        int last = Math.Min(first + perThread, count);
        int image = -1;
        long sourceImage = 0;
        float cos = 1f, sin = 0f, inverseScale = 1f, shiftX = 0f, shiftY = 0f;
        for (int e = first; e < last; e++)
        {
            int r = e / pixels;
            if (r != image)
            {
                image = r;
                sourceImage = (long)indices[r] * pixels;
                float radians = AugmentDraw.RotationDegrees(ranges, seed, step, r) * (MathF.PI / 180f);
                cos = MathF.Cos(radians);
                sin = MathF.Sin(radians);
                inverseScale = 1f / AugmentDraw.Scale(ranges, seed, step, r);
                shiftX = AugmentDraw.ShiftX(ranges, seed, step, r);
                shiftY = AugmentDraw.ShiftY(ranges, seed, step, r);
            }

            int p = e - (r * pixels);
            int y = p / side;
            int x = p - (y * side);
            float u = x - centre - shiftX;
            float v = y - centre - shiftY;
            float sourceX = centre + (((cos * u) + (sin * v)) * inverseScale);
            float sourceY = centre + (((cos * v) - (sin * u)) * inverseScale);
            if (ranges.Elastic > 0f)
            {
                sourceX += Elastic(ranges, seed, step, r, side, x, y, 0);
                sourceY += Elastic(ranges, seed, step, r, side, x, y, 1);
            }

            destination[e] = Bilinear(source, sourceImage, side, sourceX, sourceY);
        }
    }

    /// <summary>The elastic displacement along axis (0 x, 1 y) at output pixel (x, y): the control points' displacements interpolated bilinearly.</summary>
    private static float Elastic(AugmentRanges ranges, uint seed, uint step, int row, int side, int x, int y, int axis)
    {
        const int last = AugmentDraw.ElasticGrid - 1;
        float spacing = (side - 1) / (float)last;
        float gridX = x / spacing;
        float gridY = y / spacing;
        int gx = Math.Min((int)gridX, last - 1);
        int gy = Math.Min((int)gridY, last - 1);
        float ax = gridX - gx;
        float ay = gridY - gy;
        float top = Lerp(AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx, gy, axis), AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx + 1, gy, axis), ax);
        float bottom = Lerp(AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx, gy + 1, axis), AugmentDraw.ElasticDisplacement(ranges, seed, step, row, gx + 1, gy + 1, axis), ax);
        return Lerp(top, bottom, ay);
    }

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);

    /// <summary>The source image sampled at (x, y) between its four nearest pixels; pixels outside the image are 0.</summary>
    private static float Bilinear(ArrayView<float> source, long image, int side, float x, float y)
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

    private static float Pixel(ArrayView<float> source, long image, int side, int x, int y) =>
        x >= 0 && x < side && y >= 0 && y < side ? source[image + ((long)y * side) + x] : 0f;
}
