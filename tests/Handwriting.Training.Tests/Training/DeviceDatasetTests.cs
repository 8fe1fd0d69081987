using Handwriting.Kernels.Devices;
using Handwriting.Training.Network;
using ILGPU.Runtime;

namespace Handwriting.Training.Tests.Training;

/// <summary>
/// A dataset on the device holds the IDX bytes, not floats; on the CPU accelerator those bytes are
/// the host's own (pinned and wrapped, not copied), which is what keeps `train` at one copy of MNIST.
/// </summary>
public sealed class DeviceDatasetTests
{
    [Fact]
    public void On_the_cpu_accelerator_the_pixels_are_the_host_bytes_not_a_copy()
    {
        byte[] pixels = Enumerable.Range(0, 3 * 784).Select(i => (byte)(i % 256)).ToArray();
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var data = new DeviceDataset(device.Accelerator, pixels, [4, 5, 6], 784);

        Assert.Equal(pixels, data.Pixels.GetAsArray());
        pixels[784 + 9] = 201; // seen through the device view: the same memory
        Assert.Equal(201, data.PixelRows(1, 1).GetAsArray()[9]);
        Assert.Equal([4, 5, 6], data.Labels.GetAsArray());
    }

    [Fact]
    public void Refuses_pixels_that_do_not_make_whole_images()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        var error = Assert.Throws<ArgumentException>(() => new DeviceDataset(device.Accelerator, new byte[784 * 2 + 1], [1, 2], 784));
        Assert.Equal("pixels", error.ParamName);
    }
}
