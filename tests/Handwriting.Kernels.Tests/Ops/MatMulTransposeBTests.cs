using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="MatMulTransposeB"/> against <see cref="MatMulTransposeBReference"/>: C = A . B^T, a (M, K), b (N, K), c (M, N).</summary>
public abstract class MatMulTransposeBTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Odd extents everywhere; then dHidden = dLogits . W2^T (32, 10, 128) and both layer shapes at batch 32.</summary>
    [DeviceTheory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 785, 1)]
    [InlineData(33, 1, 7)]
    [InlineData(1, 7, 33)]
    [InlineData(785, 1, 33)]
    [InlineData(7, 33, 785)]
    [InlineData(785, 7, 33)]
    [InlineData(33, 785, 7)]
    [InlineData(32, 10, 128)]
    [InlineData(32, 784, 128)]
    [InlineData(32, 128, 10)]
    public void Matches_reference(int m, int k, int n)
    {
        var random = new Random(RandomArrays.Seed(301, m, k, n));
        float[] a = RandomArrays.Floats(random, (long)m * k);
        float[] b = RandomArrays.Floats(random, (long)n * k);
        var expected = new double[(long)m * n];
        MatMulTransposeBReference.Run(RandomArrays.Widen(a), RandomArrays.Widen(b), expected, m, k, n);

        using var deviceA = Upload(a);
        using var deviceB = Upload(b);
        using var deviceC = NaNs((long)m * n);
        Ops.MatMulTransposeB.Run(deviceA.View, deviceB.View, deviceC.View, m, k, n);

        MatMulTolerance.For(k).AssertClose(expected, Download(deviceC), $"MatMulTransposeB ({m}x{k}) . ({n}x{k})^T");
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
        using var b = NaNs(SizeOf(argument, "b", n * k));
        using var c = NaNs(SizeOf(argument, "c", m * n));
        AssertRejects(argument, c, () => Ops.MatMulTransposeB.Run(
            a.View, b.View, c.View, ExtentOf(argument, "m", m), ExtentOf(argument, "k", k), ExtentOf(argument, "n", n)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class MatMulTransposeBOnCpu(CpuDeviceFixture fixture) : MatMulTransposeBTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class MatMulTransposeBOnCuda(CudaDeviceFixture fixture) : MatMulTransposeBTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class MatMulTransposeBOnOpenCL(OpenCLDeviceFixture fixture) : MatMulTransposeBTests(fixture);
