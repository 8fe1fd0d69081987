using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="ReluBackward"/> against <see cref="ReluBackwardReference"/>: dx = y > 0 ? dy : 0.</summary>
public abstract class ReluBackwardTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>y is a real ReLU output (about half exact zeros); a selection, so the match must be exact.</summary>
    [DeviceTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(785)]
    [InlineData(32 * 128)]
    public void Matches_reference(int count)
    {
        var random = new Random(RandomArrays.Seed(501, count));
        float[] dy = RandomArrays.Floats(random, count);
        float[] y = Array.ConvertAll(RandomArrays.Floats(random, count), x => Math.Max(0f, x));
        var expected = new double[count];
        ReluBackwardReference.Run(RandomArrays.Widen(dy), RandomArrays.Widen(y), expected, count);

        using var deviceDy = Upload(dy);
        using var deviceY = Upload(y);
        using var deviceDx = NaNs(count);
        Ops.ReluBackward.Run(deviceDy.View, deviceY.View, deviceDx.View, count);

        Tolerance.Exact.AssertClose(expected, Download(deviceDx), $"ReluBackward ({count})");
    }

    [DeviceTheory]
    [InlineData("dy")]
    [InlineData("y")]
    [InlineData("dx")]
    [InlineData("count")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int count = 9;
        using var dy = NaNs(SizeOf(argument, "dy", count));
        using var y = NaNs(SizeOf(argument, "y", count));
        using var dx = NaNs(SizeOf(argument, "dx", count));
        AssertRejects(argument, dx, () => Ops.ReluBackward.Run(dy.View, y.View, dx.View, ExtentOf(argument, "count", count)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class ReluBackwardOnCpu(CpuDeviceFixture fixture) : ReluBackwardTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class ReluBackwardOnCuda(CudaDeviceFixture fixture) : ReluBackwardTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class ReluBackwardOnOpenCL(OpenCLDeviceFixture fixture) : ReluBackwardTests(fixture);
