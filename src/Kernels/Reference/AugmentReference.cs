namespace Handwriting.Kernels.Reference;

/// <summary>
/// The augmented batch in float64: destination image r is source image indices[r], read at
/// q = c + R(-angle) (p - c - shift) / scale + e(p) for every output pixel p and sampled
/// bilinearly with zeros outside, then degraded as a capture (<see cref="CaptureRanges"/>: blur,
/// pen, coarse grid) where the draws say so. The draws are <see cref="AugmentDraw"/>'s, the very functions
/// the kernel calls, so both transform every image alike; only the geometry is in double here.
/// source is (SourceImages, Side x Side), indices is (Rows), destination is (Rows, Side x Side).
/// The reference for <see cref="Augment"/>.
/// </summary>
public static class AugmentReference
{
    /// <summary>
    /// As the kernel reads the dataset: source is (SourceImages, Side x Side) pixel bytes, each
    /// read as the seed scales it (<see cref="PixelBatchReference.Scale"/>), then augmented as <see cref="Run(double[], int[], double[], int, int, AugmentRanges, uint, uint)"/> does.
    /// </summary>
    public static void Run(byte[] source, int[] indices, double[] destination, int rows, int side, AugmentRanges ranges, uint seed, uint step) =>
        Run(PixelBatchReference.UnitRange(source), indices, destination, rows, side, ranges, seed, step);

    /// <summary>The same over image values given as doubles (those in [0, 1] are what the byte overload reads the bytes as).</summary>
    public static void Run(double[] source, int[] indices, double[] destination, int rows, int side, AugmentRanges ranges, uint seed, uint step)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(side, nameof(side));
        int pixels = side * side;
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, (long)rows * pixels, nameof(destination), $"({rows}, {side} x {side})");
        if (source.Length % pixels != 0)
        {
            throw new ArgumentException($"source has {source.Length} elements, not a whole number of {side} x {side} images", nameof(source));
        }

        Require.Indices(indices, source.Length / pixels, nameof(indices));
        if (ranges.Fault() is { } fault)
        {
            throw new ArgumentException(fault, nameof(ranges));
        }

        for (int r = 0; r < rows; r++)
        {
            var image = new Image(source, indices[r] * pixels, side, ranges, seed, step, r);
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    destination[((long)r * pixels) + (y * side) + x] = image.At(x, y);
                }
            }
        }
    }

    /// <summary>One source image under one row's draws: the geometry, then the capture degradations.</summary>
    private sealed class Image
    {
        private readonly double[] _source;
        private readonly int _offset;
        private readonly int _side;
        private readonly AugmentRanges _ranges;
        private readonly uint _seed;
        private readonly uint _step;
        private readonly int _row;
        private readonly double _centre;
        private readonly double _cos;
        private readonly double _sin;
        private readonly double _scale;
        private readonly double _shiftX;
        private readonly double _shiftY;
        private readonly bool _coarse;
        private readonly double _cellSize;
        private readonly double _offsetX;
        private readonly double _offsetY;
        private readonly double _spread;
        private readonly double _level;

        public Image(double[] source, int offset, int side, AugmentRanges ranges, uint seed, uint step, int row)
        {
            (_source, _offset, _side, _ranges, _seed, _step, _row) = (source, offset, side, ranges, seed, step, row);
            _centre = (side - 1) / 2.0;
            double radians = AugmentDraw.RotationDegrees(ranges, seed, step, row) * (Math.PI / 180.0);
            _cos = Math.Cos(radians);
            _sin = Math.Sin(radians);
            _scale = AugmentDraw.Scale(ranges, seed, step, row);
            _shiftX = AugmentDraw.ShiftX(ranges, seed, step, row);
            _shiftY = AugmentDraw.ShiftY(ranges, seed, step, row);
            _coarse = ranges.Capture.Any && AugmentDraw.Coarse(ranges, seed, step, row);
            _cellSize = side / (double)AugmentDraw.CoarseCells(ranges, seed, step, row);
            _offsetX = AugmentDraw.GridOffset(seed, step, row, 0) * _cellSize;
            _offsetY = AugmentDraw.GridOffset(seed, step, row, 1) * _cellSize;
            _spread = ranges.Capture.Any ? AugmentDraw.BlurSpread(ranges, seed, step, row) : 0.0;
            _level = ranges.Capture.Any ? AugmentDraw.PenLevel(ranges, seed, step, row) : 0.0;
        }

        /// <summary>Output pixel (x, y): the distorted image, filtered and given another pen, on the coarse grid when the image is captured coarsely.</summary>
        public double At(int x, int y)
        {
            if (!_coarse)
            {
                return Pen(Filtered(x, y, _spread));
            }

            // The cells' centres lie at offset + (i + 0.5) cell - 0.5; each cell averages its area.
            double cellSpread = Math.Sqrt((_spread * _spread) + (_cellSize * _cellSize / 6.0));
            double gridX = ((x + 0.5 - _offsetX) / _cellSize) - 0.5;
            double gridY = ((y + 0.5 - _offsetY) / _cellSize) - 0.5;
            double cellX = Math.Floor(gridX);
            double cellY = Math.Floor(gridY);
            double ax = gridX - cellX;
            double ay = gridY - cellY;
            double Cell(double cx, double cy) => Pen(Filtered(_offsetX + ((cx + 0.5) * _cellSize) - 0.5, _offsetY + ((cy + 0.5) * _cellSize) - 0.5, cellSpread));
            double top = Cell(cellX, cellY) + ((Cell(cellX + 1, cellY) - Cell(cellX, cellY)) * ax);
            double bottom = Cell(cellX, cellY + 1) + ((Cell(cellX + 1, cellY + 1) - Cell(cellX, cellY + 1)) * ax);
            return top + ((bottom - top) * ay);
        }

        /// <summary>The binomial 3 x 3 filter with taps spread pixels apart; spread 0 is the point itself.</summary>
        private double Filtered(double x, double y, double spread)
        {
            if (spread <= 0)
            {
                return Distorted(x, y);
            }

            double sum = 0;
            for (int j = -1; j <= 1; j++)
            {
                for (int i = -1; i <= 1; i++)
                {
                    sum += (2 - Math.Abs(i)) * (2 - Math.Abs(j)) * Distorted(x + (i * spread), y + (j * spread));
                }
            }

            return sum / 16;
        }

        private double Pen(double v) => _level > 0 ? Math.Min(1, v / (1 - _level)) : _level < 0 ? Math.Max(0, (v + _level) / (1 + _level)) : v;

        private double Distorted(double x, double y)
        {
            double u = x - _centre - _shiftX;
            double v = y - _centre - _shiftY;
            double sourceX = _centre + (((_cos * u) + (_sin * v)) / _scale);
            double sourceY = _centre + (((_cos * v) - (_sin * u)) / _scale);
            if (_ranges.Elastic > 0f)
            {
                sourceX += Elastic(_ranges, _seed, _step, _row, _side, x, y, 0);
                sourceY += Elastic(_ranges, _seed, _step, _row, _side, x, y, 1);
            }

            return Bilinear(_source, _offset, _side, sourceX, sourceY);
        }
    }

    private static double Elastic(AugmentRanges ranges, uint seed, uint step, int row, int side, double x, double y, int axis)
    {
        const int last = AugmentDraw.ElasticGrid - 1;
        double spacing = (side - 1) / (double)last;
        double gridX = x / spacing;
        double gridY = y / spacing;
        int gx = Math.Max(0, Math.Min((int)gridX, last - 1));
        int gy = Math.Max(0, Math.Min((int)gridY, last - 1));
        double ax = gridX - gx;
        double ay = gridY - gy;
        double Control(int cx, int cy) => AugmentDraw.ElasticDisplacement(ranges, seed, step, row, cx, cy, axis);
        double top = Control(gx, gy) + ((Control(gx + 1, gy) - Control(gx, gy)) * ax);
        double bottom = Control(gx, gy + 1) + ((Control(gx + 1, gy + 1) - Control(gx, gy + 1)) * ax);
        return top + ((bottom - top) * ay);
    }

    private static double Bilinear(double[] source, int image, int side, double x, double y)
    {
        int x0 = (int)Math.Floor(x);
        int y0 = (int)Math.Floor(y);
        double ax = x - x0;
        double ay = y - y0;
        double Pixel(int px, int py) => px >= 0 && px < side && py >= 0 && py < side ? source[image + (py * side) + px] : 0.0;
        return ((1 - ax) * (1 - ay) * Pixel(x0, y0))
            + (ax * (1 - ay) * Pixel(x0 + 1, y0))
            + ((1 - ax) * ay * Pixel(x0, y0 + 1))
            + (ax * ay * Pixel(x0 + 1, y0 + 1));
    }
}
