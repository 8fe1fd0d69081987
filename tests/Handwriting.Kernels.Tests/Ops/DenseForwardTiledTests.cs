using Handwriting.Kernels.Tests.Devices;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="DenseForwardTiled"/> (shared-memory tiles, barriers) against the reference
/// composition of <see cref="DenseForwardTests"/>: GatherReference.Rows, MatMulReference (bias,
/// activation), DropoutReference.Forward. On the CPU it runs on an accelerator with tile-sized
/// groups; on CUDA and OpenCL it is also what DenseForward runs.
/// </summary>
public abstract class DenseForwardTiledTests(DeviceFixture fixture) : DenseForwardContract(fixture)
{
    /// <summary>
    /// Extents that are not multiples of the tile on every edge, M &lt; K as at batch 32, a single
    /// element, one seed-model layer; with and without gather, bias, ReLU and dropout.
    /// </summary>
    [DeviceTheory]
    [InlineData(1, 1, 1, Activation.None, false, false, 0f)]
    [InlineData(1, 1, 1, Activation.Relu, true, true, 0.5f)]
    [InlineData(7, 33, 5, Activation.Relu, true, true, 0.2f)]
    [InlineData(7, 33, 5, Activation.None, false, false, 0f)]
    [InlineData(33, 47, 29, Activation.Relu, true, false, 0.2f)]
    [InlineData(33, 47, 29, Activation.None, false, true, 0f)]
    [InlineData(16, 16, 16, Activation.Relu, true, true, 0f)]
    [InlineData(33, 7, 1, Activation.None, true, false, 0f)]
    [InlineData(32, 784, 128, Activation.Relu, true, true, 0.2f)]
    public void Matches_gather_matmul_dropout_reference(int m, int k, int n, Activation activation, bool withBias, bool gather, float rate) =>
        AssertMatchesReference(Ops.DenseForwardTiled.Run, "DenseForwardTiled", 1301, m, k, n, activation, withBias, gather, rate);

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("rows")]
    [InlineData("w")]
    [InlineData("bias")]
    [InlineData("y")]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.DenseForwardTiled.Run, argument);

    /// <summary>DenseForward picks the tile kernel on GPUs and the blocked one on the CPU accelerator, whatever its group size.</summary>
    [DeviceFact]
    public void DenseForward_uses_tiles_exactly_on_gpus() =>
        Assert.Equal(Device.Accelerator.AcceleratorType != ILGPU.Runtime.AcceleratorType.CPU, Ops.DenseForward.Tiled);
}

[Collection(TiledCpuCollection.Name)]
public sealed class DenseForwardTiledOnCpu(TiledCpuDeviceFixture fixture) : DenseForwardTiledTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class DenseForwardTiledOnCuda(CudaDeviceFixture fixture) : DenseForwardTiledTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class DenseForwardTiledOnOpenCL(OpenCLDeviceFixture fixture) : DenseForwardTiledTests(fixture);
