using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Devices;

/// <summary>
/// Device memory whose <see cref="View"/> starts on a 64-byte cache line. ILGPU's CPU accelerator
/// allocates with Marshal.AllocHGlobal, which aligns to 16 bytes only (a large buffer starts 16
/// bytes past a page), so every 512-bit load and store of the SIMD bodies straddled two cache
/// lines: Adam's loop over 50,176 floats took 1.4x as long, and a 256-bit one 1.2x
/// (benchmarks/NOTES.md section 10). On the CPU accelerator the buffer is allocated a cache line
/// longer and the view starts at the first boundary inside it; elsewhere (CUDA and OpenCL align
/// their allocations to far more) the view is the whole buffer.
/// </summary>
public sealed class CacheLineBuffer<T> : IDisposable
    where T : unmanaged
{
    /// <summary>The alignment of <see cref="View"/>'s first element on the CPU accelerator.</summary>
    public const int Bytes = 64;

    private readonly MemoryBuffer1D<T, Stride1D.Dense> _buffer;

    public CacheLineBuffer(Accelerator accelerator, long length)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (accelerator.AcceleratorType != AcceleratorType.CPU || Bytes % Unsafe.SizeOf<T>() != 0)
        {
            _buffer = accelerator.Allocate1D<T>(length);
            View = _buffer.View;
            return;
        }

        int perLine = Bytes / Unsafe.SizeOf<T>();
        _buffer = accelerator.Allocate1D<T>(length + perLine);
        long misalignment = _buffer.NativePtr.ToInt64() % Bytes;
        long skip = misalignment == 0 ? 0 : (Bytes - misalignment) / Unsafe.SizeOf<T>();
        View = _buffer.View.SubView(skip, length);
    }

    /// <summary>The buffer's elements, starting on a cache line on the CPU accelerator.</summary>
    public ArrayView<T> View { get; }

    public void Dispose() => _buffer.Dispose();
}
