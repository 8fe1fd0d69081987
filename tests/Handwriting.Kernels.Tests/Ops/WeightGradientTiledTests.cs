using Handwriting.Kernels.Tests.Devices;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="WeightGradientTiled"/> (shared-memory tiles, barriers) against the reference
/// composition of <see cref="WeightGradientTests"/>: GatherReference.Rows, MatMulTransposeAReference
/// for the weights, BiasGradientReference for the bias row. On the CPU it runs on an accelerator
/// with tile-sized groups; on CUDA and OpenCL it is also what WeightGradient runs.
/// </summary>
public abstract class WeightGradientTiledTests(DeviceFixture fixture) : WeightGradientContract(fixture)
{
    /// <summary>
    /// Extents off the tile on every edge (K + 1 a multiple of 16 once: 15 x 16), the bias row alone
    /// in its tile row (K = 16), M &lt; K as at batch 32, and the seed model's hidden layer.
    /// </summary>
    [DeviceTheory]
    [InlineData(1, 1, 1, false)]
    [InlineData(1, 1, 1, true)]
    [InlineData(7, 33, 5, true)]
    [InlineData(33, 47, 29, false)]
    [InlineData(33, 47, 29, true)]
    [InlineData(17, 15, 16, false)]
    [InlineData(16, 16, 16, true)]
    [InlineData(32, 784, 128, true)]
    public void Matches_gather_transposed_matmul_and_bias_reference(int m, int k, int n, bool gather) =>
        AssertMatchesReference(Ops.WeightGradientTiled.Run, "WeightGradientTiled", 1401, m, k, n, gather);

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("rows")]
    [InlineData("dy")]
    [InlineData("gradient")]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.WeightGradientTiled.Run, argument);

    /// <summary>WeightGradient picks the tile kernel on GPUs and the blocked one on the CPU accelerator, whatever its group size.</summary>
    [DeviceFact]
    public void WeightGradient_uses_tiles_exactly_on_gpus() =>
        Assert.Equal(Device.Accelerator.AcceleratorType != ILGPU.Runtime.AcceleratorType.CPU, Ops.WeightGradient.Tiled);
}

[Collection(TiledCpuCollection.Name)]
public sealed class WeightGradientTiledOnCpu(TiledCpuDeviceFixture fixture) : WeightGradientTiledTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class WeightGradientTiledOnCuda(CudaDeviceFixture fixture) : WeightGradientTiledTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class WeightGradientTiledOnOpenCL(OpenCLDeviceFixture fixture) : WeightGradientTiledTests(fixture);
