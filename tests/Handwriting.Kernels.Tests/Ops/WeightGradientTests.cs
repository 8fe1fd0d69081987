using Handwriting.Kernels.Tests.Devices;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="WeightGradient"/> against the reference composition it fuses: GatherReference.Rows,
/// then MatMulTransposeAReference for the weights and BiasGradientReference for the bias row.
/// </summary>
public abstract class WeightGradientTests(DeviceFixture fixture) : WeightGradientContract(fixture)
{
    /// <summary>The seed model's two layers (Float4 path for 784x128, scalar for 128x10), gathered rows, odd extents.</summary>
    [DeviceTheory]
    [InlineData(32, 784, 128, true)]
    [InlineData(32, 784, 128, false)]
    [InlineData(32, 128, 10, false)]
    [InlineData(7, 48, 24, true)]
    [InlineData(1, 4, 8, false)]
    [InlineData(33, 7, 5, true)]
    [InlineData(1, 1, 1, false)]
    public void Matches_gather_transposed_matmul_and_bias_reference(int m, int k, int n, bool gather) =>
        AssertMatchesReference(Ops.WeightGradient.Run, "WeightGradient", 1201, m, k, n, gather);

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("rows")]
    [InlineData("dy")]
    [InlineData("gradient")]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.WeightGradient.Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class WeightGradientOnCpu(CpuDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class WeightGradientOnCuda(CudaDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class WeightGradientOnOpenCL(OpenCLDeviceFixture fixture) : WeightGradientTests(fixture);
