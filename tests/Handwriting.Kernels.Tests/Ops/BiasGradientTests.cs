using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="BiasGradient"/> against <see cref="BiasGradientReference"/>: dbias (Columns) = column sums of dy (Rows, Columns).</summary>
public abstract class BiasGradientTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    [DeviceTheory]
    [InlineData(1, 1)]
    [InlineData(1, 785)]
    [InlineData(785, 1)]
    [InlineData(7, 33)]
    [InlineData(33, 7)]
    [InlineData(785, 33)]
    [InlineData(32, 128)]
    [InlineData(32, 10)]
    public void Matches_reference(int rows, int columns)
    {
        var random = new Random(RandomArrays.Seed(401, rows, columns));
        float[] dy = RandomArrays.Floats(random, (long)rows * columns);
        var expected = new double[columns];
        BiasGradientReference.Run(RandomArrays.Widen(dy), expected, rows, columns);

        using var deviceDy = Upload(dy);
        using var deviceDbias = NaNs(columns);
        Ops.BiasGradient.Run(deviceDy.View, deviceDbias.View, rows, columns);

        // A sum over the rows, like a matmul's over K.
        MatMulTolerance.For(rows).AssertClose(expected, Download(deviceDbias), $"BiasGradient ({rows}, {columns})");
    }

    [DeviceTheory]
    [InlineData("dy")]
    [InlineData("dbias")]
    [InlineData("rows")]
    [InlineData("columns")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int rows = 5, columns = 3;
        using var dy = NaNs(SizeOf(argument, "dy", rows * columns));
        using var dbias = NaNs(SizeOf(argument, "dbias", columns));
        AssertRejects(argument, dbias, () => Ops.BiasGradient.Run(
            dy.View, dbias.View, ExtentOf(argument, "rows", rows), ExtentOf(argument, "columns", columns)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class BiasGradientOnCpu(CpuDeviceFixture fixture) : BiasGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class BiasGradientOnCuda(CudaDeviceFixture fixture) : BiasGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class BiasGradientOnOpenCL(OpenCLDeviceFixture fixture) : BiasGradientTests(fixture);
