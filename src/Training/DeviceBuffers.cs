using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training;

/// <summary>Views of the trainer's and the evaluation's per-image device buffers.</summary>
internal static class DeviceBuffers
{
    /// <summary>Elements [first, first + count) of the buffer, as the plain view the kernels take.</summary>
    public static ArrayView<float> Slice(this MemoryBuffer1D<float, Stride1D.Dense> buffer, int first, int count) =>
        ((ArrayView<float>)buffer.View).SubView(first, count);
}
