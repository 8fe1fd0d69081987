using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="Gather"/> against <see cref="GatherReference"/>: destination[r] = source[indices[r]]; a copy, so exact.</summary>
public abstract class GatherTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    [DeviceTheory]
    [InlineData(1, 1)]
    [InlineData(50, 7)]
    [InlineData(100, 32)]
    [InlineData(1000, 785)]
    public void Labels_match_reference(int sourceRows, int rows)
    {
        var random = new Random(RandomArrays.Seed(1002, sourceRows, rows));
        int[] source = RandomArrays.Ints(random, sourceRows, 10);
        int[] indices = RandomArrays.Ints(random, rows, sourceRows);
        var expected = new int[rows];
        GatherReference.Labels(source, indices, expected, rows);

        using var deviceSource = Upload(source);
        using var deviceIndices = Upload(indices);
        using var destination = Sentinels(rows);
        Ops.Gather.Labels(deviceSource.View, deviceIndices.View, destination.View, rows);

        Assert.Equal(expected, Download(destination));
    }

    [DeviceTheory]
    [InlineData("indices")]
    [InlineData("destination")]
    [InlineData("rows")]
    public void Labels_rejects_a_wrong_shape_before_launching(string argument)
    {
        const int sourceRows = 4, rows = 3;
        using var source = Upload(new int[sourceRows]);
        using var indices = Upload(new int[SizeOf(argument, "indices", rows)]);
        using var destination = Sentinels((int)SizeOf(argument, "destination", rows));
        AssertRejects(argument, destination, () => Ops.Gather.Labels(source.View, indices.View, destination.View, ExtentOf(argument, "rows", rows)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class GatherOnCpu(CpuDeviceFixture fixture) : GatherTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class GatherOnCuda(CudaDeviceFixture fixture) : GatherTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class GatherOnOpenCL(OpenCLDeviceFixture fixture) : GatherTests(fixture);
