using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Checks;

/// <summary>The buffer moves of the cases. Outputs start as NaN, so an element a kernel forgets to write fails.</summary>
public static class DeviceArrays
{
    public static MemoryBuffer1D<float, Stride1D.Dense> Upload(ComputeDevice device, float[] values) =>
        device.Accelerator.Allocate1D(values.Length == 0 ? [0f] : values);

    public static MemoryBuffer1D<int, Stride1D.Dense> Upload(ComputeDevice device, int[] values) =>
        device.Accelerator.Allocate1D(values.Length == 0 ? [0] : values);

    public static MemoryBuffer1D<byte, Stride1D.Dense> Upload(ComputeDevice device, byte[] values) =>
        device.Accelerator.Allocate1D(values.Length == 0 ? [(byte)0] : values);

    /// <summary>The buffer as a view of exactly <paramref name="values"/>' length: the empty view for an empty array.</summary>
    public static ArrayView<float> ViewOf(MemoryBuffer1D<float, Stride1D.Dense> buffer, float[] values) =>
        values.Length == 0 ? ArrayView<float>.Empty : buffer.View;

    public static ArrayView<int> ViewOf(MemoryBuffer1D<int, Stride1D.Dense> buffer, int[] values) =>
        values.Length == 0 ? ArrayView<int>.Empty : buffer.View;

    public static MemoryBuffer1D<float, Stride1D.Dense> NaNs(ComputeDevice device, long length)
    {
        var values = new float[length];
        Array.Fill(values, float.NaN);
        return device.Accelerator.Allocate1D(values);
    }

    /// <summary>Waits for the device and copies the buffer back.</summary>
    public static float[] Download(ComputeDevice device, MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        device.Accelerator.Synchronize();
        return buffer.GetAsArray1D();
    }
}
