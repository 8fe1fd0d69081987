using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="MatMulTransposeA"/> against <see cref="MatMulTransposeAReference"/>: C = A^T . B, a (M, K), b (M, N), c (K, N).</summary>
public abstract class MatMulTransposeATests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Odd extents everywhere; then dW1 = X^T . dH (32, 784, 128) and dW2 = H^T . dLogits (32, 128, 10) at batch 32.</summary>
    [DeviceTheory]
    [InlineData(1, 1, 1)]
    [InlineData(785, 1, 1)]
    [InlineData(1, 7, 33)]
    [InlineData(7, 33, 1)]
    [InlineData(33, 1, 785)]
    [InlineData(7, 785, 33)]
    [InlineData(785, 33, 7)]
    [InlineData(33, 7, 785)]
    [InlineData(32, 784, 128)]
    [InlineData(32, 128, 10)]
    public void Matches_reference(int m, int k, int n)
    {
        var random = new Random(RandomArrays.Seed(201, m, k, n));
        float[] a = RandomArrays.Floats(random, (long)m * k);
        float[] b = RandomArrays.Floats(random, (long)m * n);
        var expected = new double[(long)k * n];
        MatMulTransposeAReference.Run(RandomArrays.Widen(a), RandomArrays.Widen(b), expected, m, k, n);

        using var deviceA = Upload(a);
        using var deviceB = Upload(b);
        using var deviceC = NaNs((long)k * n);
        Ops.MatMulTransposeA.Run(deviceA.View, deviceB.View, deviceC.View, m, k, n);

        // The sums run over M.
        MatMulTolerance.For(m).AssertClose(expected, Download(deviceC), $"MatMulTransposeA ({m}x{k})^T . ({m}x{n})");
    }

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    [InlineData("m")]
    [InlineData("k")]
    [InlineData("n")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var b = NaNs(SizeOf(argument, "b", m * n));
        using var c = NaNs(SizeOf(argument, "c", k * n));
        AssertRejects(argument, c, () => Ops.MatMulTransposeA.Run(
            a.View, b.View, c.View, ExtentOf(argument, "m", m), ExtentOf(argument, "k", k), ExtentOf(argument, "n", n)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class MatMulTransposeAOnCpu(CpuDeviceFixture fixture) : MatMulTransposeATests(fixture);

[Collection(CudaCollection.Name)]
public sealed class MatMulTransposeAOnCuda(CudaDeviceFixture fixture) : MatMulTransposeATests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class MatMulTransposeAOnOpenCL(OpenCLDeviceFixture fixture) : MatMulTransposeATests(fixture);
