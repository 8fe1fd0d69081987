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
public sealed class Augment : IDeviceOp<Augment>, IDisposable
{
    /// <summary>
    /// Coarse cells per row a thread's cell cache holds (<see cref="CellCache"/>): cell columns
    /// -2 to 27, all that a grid of up to 26 cells across touches (the degradations `train
    /// --capture-augment` draws have at most 20); corners beyond them are computed without the cache.
    /// </summary>
    public const int CachedCellColumns = 30;

    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, AugmentRanges, uint, uint, int, int, int, ArrayView<float>, int> _kernel;

    /// <summary>Each CPU thread's two rows of <see cref="CachedCellColumns"/> coarse cell values; a single unused float on a GPU, where every thread makes one pixel.</summary>
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _cells;
    private readonly int _cellColumns;

    private Augment(DeviceOps ops)
    {
        _ops = ops;
        _kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, AugmentRanges, uint, uint, int, int, int, ArrayView<float>, int>(Kernel);
        bool cpu = ops.Accelerator.AcceleratorType == AcceleratorType.CPU;
        _cellColumns = cpu ? CachedCellColumns : 0;
        _cells = ops.Accelerator.Allocate1D<float>(cpu ? 2L * CachedCellColumns * ops.Accelerator.MaxNumThreads : 1);
    }

    /// <summary>One portable kernel, everywhere.</summary>
    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Portable];

    public KernelVariant Variant => KernelVariant.Portable;

    static Augment IDeviceOp<Augment>.Load(DeviceOps ops, KernelVariant variant) => new(ops);

    public void Dispose() => _cells.Dispose();

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
        int cellColumns = split.ItemsPerThread > 1 ? _cellColumns : 0; // one pixel per thread has nothing to reuse
        _kernel(split.Threads, source, indices, destination, ranges, seed, step, side, checked((int)(rows * pixels)), split.ItemsPerThread, _cells.View, cellColumns);
    }

    /// <summary>
    /// One thread per chunk of output pixels (one pixel on a GPU). A thread draws an image's
    /// transform (and its capture degradations) when it reaches the image's first pixel in its
    /// chunk and keeps them for the rest.
    /// <para>
    /// A coarse pixel is enlarged from the four cells around it, and each cell value filters 9
    /// samples: 36 bilinear samples per pixel, when a grid of C cells across has only about
    /// (C + 3)^2 distinct cells (for 13 cells, some 12 times fewer than 28 x 28 x 4). With
    /// <paramref name="cellColumns"/> &gt; 0 a thread keeps the cell rows its output row lies
    /// between in <paramref name="cells"/> (<see cref="CellCache"/>), so each cell is filtered
    /// once per thread and image; a cell's value depends only on its indices, so the cache
    /// changes no bit, only how often the same value is computed.
    /// </para>
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
        int perThread,
        ArrayView<float> cells,
        int cellColumns)
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
        var cache = new CellCache(2L * cellColumns * thread, cellColumns);
        for (int e = first; e < last; e++)
        {
            int r = e / pixels;
            if (r != image)
            {
                image = r;
                cache = cache.Emptied();
                sourceImage = (long)indices[r] * pixels;
                float radians = AugmentDraw.RotationDegrees(ranges, seed, step, r) * (MathF.PI / 180f);
                placement = new Placement(
                    (side - 1) * 0.5f,
                    MathF.Cos(radians),
                    MathF.Sin(radians),
                    1f / AugmentDraw.Scale(ranges, seed, step, r),
                    AugmentDraw.ShiftX(ranges, seed, step, r),
                    AugmentDraw.ShiftY(ranges, seed, step, r),
                    capture && cellColumns > 0 ? InkOf(source, sourceImage, side) : Ink.Whole(side));
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
                var grid = new CoarseGrid(offsetX, offsetY, cellSize, cellSpread, level);
                int column = (int)cellX;
                int row = (int)cellY;
                float topLeft, topRight, bottomLeft, bottomRight;
                if (cache.Holds(column))
                {
                    cache = cache.AtRow(cells, row);
                    topLeft = cache.Top(cells, source, sourceImage, side, placement, ranges, seed, step, r, grid, column);
                    topRight = cache.Top(cells, source, sourceImage, side, placement, ranges, seed, step, r, grid, column + 1);
                    bottomLeft = cache.Bottom(cells, source, sourceImage, side, placement, ranges, seed, step, r, grid, column);
                    bottomRight = cache.Bottom(cells, source, sourceImage, side, placement, ranges, seed, step, r, grid, column + 1);
                }
                else
                {
                    topLeft = Cell(source, sourceImage, side, placement, ranges, seed, step, r, grid, cellX, cellY);
                    topRight = Cell(source, sourceImage, side, placement, ranges, seed, step, r, grid, cellX + 1f, cellY);
                    bottomLeft = Cell(source, sourceImage, side, placement, ranges, seed, step, r, grid, cellX, cellY + 1f);
                    bottomRight = Cell(source, sourceImage, side, placement, ranges, seed, step, r, grid, cellX + 1f, cellY + 1f);
                }

                destination[e] = Lerp(Lerp(topLeft, topRight, ax), Lerp(bottomLeft, bottomRight, ax), ay);
            }
        }
    }

    /// <summary>One coarse image's grid: where it starts (in pixels), its cell size, the filter spread a cell averages over, the pen's level shift.</summary>
    private readonly record struct CoarseGrid(float OffsetX, float OffsetY, float CellSize, float Spread, float Level);

    /// <summary>
    /// Coarse cell (cellX, cellY): the distorted image filtered over the cell's area about its
    /// centre, offset + (i + 0.5) cell - 0.5, then given the pen. A function of the cell's indices
    /// alone, whichever output pixel asks for it: what lets <see cref="CellCache"/> keep it.
    /// </summary>
    private static float Cell(ArrayView<byte> source, long image, int side, Placement placement, AugmentRanges ranges, uint seed, uint step, int row, CoarseGrid grid, float cellX, float cellY)
    {
        float x = grid.OffsetX + ((cellX + 0.5f) * grid.CellSize) - 0.5f;
        float y = grid.OffsetY + ((cellY + 0.5f) * grid.CellSize) - 0.5f;
        return Pen(Filtered(source, image, side, placement, ranges, seed, step, row, x, y, grid.Spread), grid.Level);
    }

    /// <summary>
    /// One thread's cache of coarse cell values for the image it is making: two rows of
    /// <see cref="Columns"/> floats at <see cref="Start"/> in the cache buffer, holding cell rows
    /// <see cref="Row"/> (top) and Row + 1 (bottom); NaN marks a cell not filtered yet. Output
    /// pixels come row by row, so the cell rows they lie between change only every cell or so,
    /// and then by one: the old bottom row becomes the top and only a new bottom is computed.
    /// Columns 0 turns it off (a GPU, one pixel per thread).
    /// </summary>
    private readonly record struct CellCache(long Start, int Columns, int Row, int TopRow)
    {
        /// <summary>Cell column c lives at slot c + 2: the first coarse column can lie two cells left of the image.</summary>
        private const int FirstColumn = -2;

        /// <summary>An empty cache at <paramref name="start"/>; no cell row held yet.</summary>
        public CellCache(long start, int columns)
            : this(start, columns, int.MinValue, 0)
        {
        }

        /// <summary>The same buffer, no cell held: a new image has other cells.</summary>
        public CellCache Emptied() => this with { Row = int.MinValue };

        /// <summary>Whether the cache is on and cells column and column + 1 fit in it (a grid finer than the cache computes its cells directly).</summary>
        public bool Holds(int column) =>
            Columns > 0 && column >= FirstColumn && column + 1 - FirstColumn < Columns;

        /// <summary>The cache holding cell rows <paramref name="row"/> and row + 1: kept, moved down by one (the bottom row becomes the top), or emptied.</summary>
        public CellCache AtRow(ArrayView<float> cells, int row)
        {
            if (row == Row)
            {
                return this;
            }

            if (row == Row + 1)
            {
                // The bottom row becomes the top: the halves swap roles, and the new bottom (the old top) is emptied.
                var moved = this with { Row = row, TopRow = 1 - TopRow };
                moved.Clear(cells, 1 - moved.TopRow);
                return moved;
            }

            var fresh = this with { Row = row };
            fresh.Clear(cells, 0);
            fresh.Clear(cells, 1);
            return fresh;
        }

        /// <summary>Cell (column, Row): from the cache, or filtered now and kept.</summary>
        public float Top(ArrayView<float> cells, ArrayView<byte> source, long image, int side, Placement placement, AugmentRanges ranges, uint seed, uint step, int row, CoarseGrid grid, int column) =>
            Get(cells, TopRow, source, image, side, placement, ranges, seed, step, row, grid, column, Row);

        /// <summary>Cell (column, Row + 1): from the cache, or filtered now and kept.</summary>
        public float Bottom(ArrayView<float> cells, ArrayView<byte> source, long image, int side, Placement placement, AugmentRanges ranges, uint seed, uint step, int row, CoarseGrid grid, int column) =>
            Get(cells, 1 - TopRow, source, image, side, placement, ranges, seed, step, row, grid, column, Row + 1);

        private float Get(ArrayView<float> cells, int half, ArrayView<byte> source, long image, int side, Placement placement, AugmentRanges ranges, uint seed, uint step, int row, CoarseGrid grid, int column, int cellRow)
        {
            long slot = Start + ((long)half * Columns) + column - FirstColumn;
            float value = cells[slot];
            if (float.IsNaN(value))
            {
                value = Cell(source, image, side, placement, ranges, seed, step, row, grid, column, cellRow);
                cells[slot] = value;
            }

            return value;
        }

        private void Clear(ArrayView<float> cells, int half)
        {
            long start = Start + ((long)half * Columns);
            for (int c = 0; c < Columns; c++)
            {
                cells[start + c] = float.NaN;
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

        return Bilinear(source, image, side, placement.Ink, sourceX, sourceY);
    }

    /// <summary>One image's affine transform (the image centre, cos and sin of the rotation, 1 / scale and the shift) and where in the source its ink lies.</summary>
    private readonly record struct Placement(float Centre, float Cos, float Sin, float InverseScale, float ShiftX, float ShiftY, Ink Ink);

    /// <summary>
    /// The smallest box of source pixels (columns Left..Right, rows Top..Bottom) outside which
    /// every pixel is 0: a bilinear sample whose four pixels all lie outside it is 0 without
    /// reading them. The same +0 the four reads would give (four zeros times weights of at least
    /// 0), so the box changes no bit. The whole image where nothing was read (a GPU, or no
    /// capture degradations); an image without ink has Left &gt; Right.
    /// </summary>
    private readonly record struct Ink(int Left, int Right, int Top, int Bottom)
    {
        public static Ink Whole(int side) => new(0, side - 1, 0, side - 1);

        /// <summary>Whether none of pixels x0..x0 + 1, y0..y0 + 1 lies in the box.</summary>
        public bool Misses(int x0, int y0) => x0 + 1 < Left || x0 > Right || y0 + 1 < Top || y0 > Bottom;
    }

    /// <summary>
    /// Where the ink of a source image lies: one read per pixel, worth it where a thread makes a
    /// whole image with the capture degradations (9 or 36 bilinear samples of 4 pixels per output
    /// pixel, and an MNIST digit fills about a third of its frame).
    /// </summary>
    private static Ink InkOf(ArrayView<byte> source, long image, int side)
    {
        int left = side, right = -1, top = side, bottom = -1;
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                if (source[image + ((long)y * side) + x] != 0)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        return new Ink(left, right, top, bottom);
    }

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

    /// <summary>The source image sampled at (x, y) between its four nearest pixels; pixels outside the image, and outside its ink, are 0.</summary>
    private static float Bilinear(ArrayView<byte> source, long image, int side, Ink ink, float x, float y)
    {
        float floorX = MathF.Floor(x);
        float floorY = MathF.Floor(y);
        int x0 = (int)floorX;
        int y0 = (int)floorY;
        if (ink.Misses(x0, y0))
        {
            return 0f;
        }

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
