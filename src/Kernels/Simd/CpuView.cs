using System.Runtime.CompilerServices;
using ILGPU;

namespace Handwriting.Kernels.Simd;

/// <summary>
/// The first element of a view, as a reference a CPU-only body can pin with
/// <c>fixed (float* p = &amp;CpuView.First(view))</c> and then walk without ILGPU's per-access
/// checks (what makes ordinary kernels slow on the CPU accelerator). An empty view gives a null
/// pointer, which the bodies take to mean "absent" (no bias, no row indices).
/// </summary>
public static class CpuView
{
    public static ref T First<T>(ArrayView<T> view)
        where T : unmanaged =>
        ref view.Length == 0 ? ref Unsafe.NullRef<T>() : ref view[0];
}
