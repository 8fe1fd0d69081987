using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Four consecutive floats, read and written as one element through <c>ArrayView.Cast&lt;Float4&gt;()</c>.
/// On ILGPU's CPU accelerator every view access pays a bounds assert, a CPU-buffer assert and a
/// load of the buffer's pointer; moving four floats per access cuts that cost fourfold.
/// Views cast this way must start at a multiple of four floats; callers check on the host.
/// </summary>
public readonly record struct Float4(float X, float Y, float Z, float W)
{
    /// <summary>this + s * v, component-wise (no fused multiply-add: ILGPU's OpenCL backend cannot emit it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Float4 AddScaled(float s, Float4 v) => new(X + s * v.X, Y + s * v.Y, Z + s * v.Z, W + s * v.W);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Float4 Add(Float4 v) => new(X + v.X, Y + v.Y, Z + v.Z, W + v.W);

    /// <summary>Whether a float view can be read as Float4s: it starts on a four-float boundary of its buffer (host only).</summary>
    public static bool Aligned(ArrayView<float> view) => view.Length == 0 || ((IContiguousArrayView)view).Index % 4 == 0;
}
