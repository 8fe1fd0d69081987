using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Tests.Devices;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// <see cref="MetricSums"/>, totals = (sum of losses, sum of correct), against the reference at
/// the catalog's counts (<see cref="MetricSumsCases"/>, what `handwriting check` runs), and its refusals.
/// </summary>
public abstract class MetricSumsTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(MetricSumsCases.Op, KernelVariant.Portable);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(string name) => AssertPasses(name);

    [DeviceTheory]
    [InlineData("losses")]
    [InlineData("correct")]
    [InlineData("totals")]
    [InlineData("count")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int count = 9;
        using var losses = NaNs(SizeOf(argument, "losses", count));
        using var correct = NaNs(SizeOf(argument, "correct", count));
        using var totals = NaNs(SizeOf(argument, "totals", 2));
        AssertRejects(argument, totals, () => Ops.MetricSums.Run(losses.View, correct.View, totals.View, ExtentOf(argument, "count", count)));
    }
}

[Collection(CpuCollection.Name)]
public sealed class MetricSumsOnCpu(CpuDeviceFixture fixture) : MetricSumsTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class MetricSumsOnCuda(CudaDeviceFixture fixture) : MetricSumsTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class MetricSumsOnOpenCL(OpenCLDeviceFixture fixture) : MetricSumsTests(fixture);
