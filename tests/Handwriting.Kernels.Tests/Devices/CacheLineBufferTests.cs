using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// <see cref="CacheLineBuffer{T}"/> on the CPU accelerator: the view starts on a 64-byte line
/// whatever the length (large buffers come from mmap, 16 bytes past a page; small ones from the
/// heap), has exactly the length asked for, and holds what is written to it.
/// </summary>
public sealed class CacheLineBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(101_770)] // the seed model's parameters
    [InlineData(3_000_001)]
    public unsafe void The_view_starts_on_a_cache_line_and_has_the_length_asked_for(long length)
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        var buffers = Enumerable.Range(0, 4).Select(_ => new CacheLineBuffer<float>(device.Accelerator, length)).ToList();
        try
        {
            foreach (var buffer in buffers)
            {
                Assert.Equal(length, buffer.View.Length);
                fixed (float* first = &buffer.View[0])
                {
                    Assert.Equal(0, (long)first % CacheLineBuffer<float>.Bytes);
                }
            }

            float[] values = Enumerable.Range(0, (int)length).Select(i => (float)i).ToArray();
            buffers[0].View.CopyFromCPU(values);
            Assert.Equal(values, buffers[0].View.GetAsArray());
        }
        finally
        {
            buffers.ForEach(b => b.Dispose());
        }
    }
}
