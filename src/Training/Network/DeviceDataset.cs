using System.Buffers;
using System.Runtime.InteropServices;
using Handwriting.Training.Data;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace Handwriting.Training.Network;

/// <summary>
/// Images and labels copied to the device once, so that training and evaluation copy nothing
/// per step: batches are gathered there by index.
/// Pixels is (Count, Width) row-major bytes, 0 to 255, as the IDX file holds them: the kernels
/// that read them scale by 1/255 as they read (<see cref="Kernels.PixelBatch"/>,
/// <see cref="Kernels.Augment"/>), so the device holds a quarter of what floats would take.
/// Labels is (Count).
/// <para>
/// On the CPU accelerator, whose "device" memory is this process's memory, the pixels are not
/// copied at all: the view is the host bytes themselves, pinned for the dataset's life (the
/// kernels only read them). A copy there would double the 55 MB MNIST takes, for nothing.
/// </para>
/// </summary>
public sealed class DeviceDataset : IDisposable
{
    private readonly MemoryBuffer _pixels;
    private readonly MemoryHandle _pinned;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _labels;

    /// <summary>
    /// Pixels (Count x width bytes) and labels (Count). On the CPU accelerator the pixels are
    /// shared, not copied: they must not change while the dataset lives.
    /// </summary>
    public DeviceDataset(Accelerator accelerator, ReadOnlyMemory<byte> pixels, ReadOnlySpan<int> labels, int width)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (pixels.Length != labels.Length * width)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make {labels.Length} images of {width}", nameof(pixels));
        }

        Count = labels.Length;
        Width = width;
        if (accelerator.AcceleratorType == AcceleratorType.CPU && pixels.Length > 0)
        {
            _pinned = pixels.Pin(); // so that the address the buffer wraps stays where it is
            _pixels = CPUMemoryBuffer.Create(accelerator, ref MemoryMarshal.GetReference(pixels.Span), pixels.Length);
        }
        else
        {
            var copy = accelerator.Allocate1D<byte>(Math.Max(1, pixels.Length));
            ((ArrayView<byte>)copy.View).SubView(0, pixels.Length).CopyFromCPU(pixels.Span);
            _pixels = copy;
        }

        _labels = accelerator.Allocate1D<int>(Math.Max(1, labels.Length));
        Labels.CopyFromCPU(labels);
    }

    /// <summary>An image set (pixel bytes, labels 0..9), one row of PixelsPerImage per image; on the CPU accelerator its pixels are shared.</summary>
    public DeviceDataset(Accelerator accelerator, ImageSet images)
        : this(accelerator, images.Pixels, images.Labels, images.PixelsPerImage)
    {
    }

    public int Count { get; }

    public int Width { get; }

    public ArrayView<byte> Pixels => _pixels.AsArrayView<byte>(0, (long)Count * Width);

    public ArrayView<int> Labels => ((ArrayView<int>)_labels.View).SubView(0, Count);

    /// <summary>Images [first, first + rows) as a (rows, Width) view.</summary>
    public ArrayView<byte> PixelRows(int first, int rows) => Pixels.SubView((long)first * Width, (long)rows * Width);

    public ArrayView<int> LabelRows(int first, int rows) => _labels.View.SubView(first, rows);

    public void Dispose()
    {
        _pixels.Dispose();
        _pinned.Dispose();
        _labels.Dispose();
    }
}
