using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature every Adam variant shares: <see cref="Adam.Run"/>.</summary>
public delegate void AdamRun(ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, int count, AdamSettings settings, int step);

/// <summary>
/// What every Adam variant must do beyond matching the reference (<see cref="AdamCases"/>, what
/// `handwriting check` runs): refuse wrong shapes before launching, and flush moments below the threshold.
/// </summary>
public abstract class AdamContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>The variant under test.</summary>
    protected abstract AdamRun Run { get; }

    [DeviceTheory]
    [InlineData("parameters")]
    [InlineData("gradients")]
    [InlineData("m")]
    [InlineData("v")]
    [InlineData("count")]
    [InlineData("step")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int count = 9;
        using var parameters = NaNs(SizeOf(argument, "parameters", count));
        using var gradients = NaNs(SizeOf(argument, "gradients", count));
        using var m = NaNs(SizeOf(argument, "m", count));
        using var v = NaNs(SizeOf(argument, "v", count));
        AssertRejects(argument, parameters, () => Run(
            parameters.View, gradients.View, m.View, v.View, ExtentOf(argument, "count", count), new AdamSettings(), ExtentOf(argument, "step", 1)));
    }

    /// <summary>
    /// A moment below <see cref="Adam.FlushBelow"/> is stored as zero (it would decay into
    /// subnormals, which cost x64 a microcode assist per operation); one above it decays as usual.
    /// With a zero gradient m becomes 0.9 m and v 0.999 v: 5e-31 would stay a normal float without
    /// the flush, so a kernel that skipped it fails.
    /// </summary>
    [DeviceFact]
    public void Flushes_moments_below_the_threshold_to_zero()
    {
        using var parameters = Upload([1f, 1f, 1f]);
        using var gradients = Upload([0f, 0f, 0f]);
        using var m = Upload([5e-31f, -5e-31f, 1e-28f]);
        using var v = Upload([5e-31f, 1e-31f, 1e-28f]);
        Run(parameters.View, gradients.View, m.View, v.View, 3, new AdamSettings(), 1);

        float[] mAfter = Download(m), vAfter = Download(v);
        SameBits.Assert([0f, 0f], mAfter.AsSpan(0, 2), "m below the threshold after one step with a zero gradient");
        SameBits.Assert([0f, 0f], vAfter.AsSpan(0, 2), "v below the threshold after one step with a zero gradient");
        new Tolerance(0, 1e-6).AssertClose([0.9e-28, 0.999e-28], [mAfter[2], vAfter[2]], "m and v above the threshold after one step with a zero gradient");
    }
}

/// <summary>The portable kernel on every backend, against the float64 reference over consecutive steps from step 1.</summary>
public abstract class AdamTests(DeviceFixture fixture) : AdamContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(AdamCases.Op, KernelVariant.Portable);

    protected override AdamRun Run => Target.Op<Adam>(KernelVariant.Portable).Run;

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_over_consecutive_steps(string name) => AssertPasses(name);
}

[Collection(CpuCollection.Name)]
public sealed class AdamOnCpu(CpuDeviceFixture fixture) : AdamTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class AdamOnCuda(CudaDeviceFixture fixture) : AdamTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class AdamOnOpenCL(OpenCLDeviceFixture fixture) : AdamTests(fixture);

/// <summary>
/// The CPU-only SIMD variants: every contract test at the widest width, and, at each width this
/// machine accelerates, the catalog's cases against the reference and bit for bit against the
/// portable kernel.
/// </summary>
[Collection(CpuCollection.Name)]
public sealed class AdamSimdOnCpu(CpuDeviceFixture fixture) : AdamContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Simd(AdamCases.Op);

    protected override AdamRun Run => Target.Op<Adam>(KernelVariants.Of(SimdWidths.Widest)).Run;

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(string name) => AssertPassesWithThePortableBits(name);
}

/// <summary><see cref="Adam.Flushed"/>, the rule both Adam kernels apply to each new moment.</summary>
public sealed class AdamFlushedTests
{
    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(9.9e-31f, 0f)]
    [InlineData(-9.9e-31f, 0f)]
    [InlineData(1e-45f, 0f)] // the smallest subnormal
    [InlineData(1e-30f, 1e-30f)]
    [InlineData(-2e-30f, -2e-30f)]
    [InlineData(0.5f, 0.5f)]
    public void Flushes_exactly_what_is_below_the_threshold(float x, float expected) =>
        SameBits.Assert([expected], [Adam.Flushed(x)], $"Adam.Flushed({x:R})");
}
