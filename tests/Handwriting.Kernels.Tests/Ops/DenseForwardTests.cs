using Handwriting.Kernels.Tests.Devices;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="DenseForward"/> against the reference composition it fuses:
/// GatherReference.Rows, then MatMulReference (bias, activation), then DropoutReference.Forward.
/// </summary>
public abstract class DenseForwardTests(DeviceFixture fixture) : DenseForwardContract(fixture)
{
    /// <summary>
    /// The seed model's layers (the Float4 path: K a multiple of 4, N of 8; and the scalar path for
    /// N = 10), a batch that is not a whole number of 4-row blocks, and odd extents everywhere.
    /// </summary>
    [DeviceTheory]
    [InlineData(32, 784, 128, Activation.Relu, true, true, 0.2f)]
    [InlineData(32, 784, 128, Activation.Relu, true, false, 0f)]
    [InlineData(32, 128, 10, Activation.None, true, false, 0f)]
    [InlineData(32, 784, 10, Activation.None, true, true, 0f)]
    [InlineData(7, 48, 24, Activation.Relu, false, true, 0.5f)]
    [InlineData(1, 8, 8, Activation.Relu, true, true, 0.2f)]
    [InlineData(7, 33, 5, Activation.Relu, true, true, 0.2f)]
    [InlineData(33, 7, 1, Activation.None, false, false, 0f)]
    public void Matches_gather_matmul_dropout_reference(int m, int k, int n, Activation activation, bool withBias, bool gather, float rate) =>
        AssertMatchesReference(Ops.DenseForward.Run, "DenseForward", 1101, m, k, n, activation, withBias, gather, rate);

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("rows")]
    [InlineData("w")]
    [InlineData("bias")]
    [InlineData("y")]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.DenseForward.Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class DenseForwardOnCpu(CpuDeviceFixture fixture) : DenseForwardTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class DenseForwardOnCuda(CudaDeviceFixture fixture) : DenseForwardTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class DenseForwardOnOpenCL(OpenCLDeviceFixture fixture) : DenseForwardTests(fixture);
