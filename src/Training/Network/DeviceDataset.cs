using Handwriting.Training.Data;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Network;

/// <summary>
/// Images and labels copied to the device once, so that training and evaluation copy nothing
/// per step: batches are gathered there by index.
/// Pixels is (Count, Width) row-major bytes, 0 to 255, as the IDX file holds them: the kernels
/// that read them scale by 1/255 as they read (<see cref="Kernels.Gather.Pixels"/>,
/// <see cref="Kernels.Augment"/>), so the device holds a quarter of what floats would take.
/// Labels is (Count).
/// </summary>
public sealed class DeviceDataset : IDisposable
{
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _pixels;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _labels;

    public DeviceDataset(Accelerator accelerator, ReadOnlySpan<byte> pixels, ReadOnlySpan<int> labels, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (pixels.Length != labels.Length * width)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make {labels.Length} images of {width}", nameof(pixels));
        }

        Count = labels.Length;
        Width = width;
        _pixels = accelerator.Allocate1D<byte>(Math.Max(1, pixels.Length));
        _labels = accelerator.Allocate1D<int>(Math.Max(1, labels.Length));
        Pixels.CopyFromCPU(pixels);
        Labels.CopyFromCPU(labels);
    }

    /// <summary>An image set (pixel bytes, labels 0..9), one row of PixelsPerImage per image.</summary>
    public DeviceDataset(Accelerator accelerator, ImageSet images)
        : this(accelerator, images.Pixels.Span, images.Labels, images.PixelsPerImage)
    {
    }

    public int Count { get; }

    public int Width { get; }

    public ArrayView<byte> Pixels => ((ArrayView<byte>)_pixels.View).SubView(0, (long)Count * Width);

    public ArrayView<int> Labels => ((ArrayView<int>)_labels.View).SubView(0, Count);

    /// <summary>Images [first, first + rows) as a (rows, Width) view.</summary>
    public ArrayView<byte> PixelRows(int first, int rows) => _pixels.View.SubView((long)first * Width, (long)rows * Width);

    public ArrayView<int> LabelRows(int first, int rows) => _labels.View.SubView(first, rows);

    public void Dispose()
    {
        _pixels.Dispose();
        _labels.Dispose();
    }
}
