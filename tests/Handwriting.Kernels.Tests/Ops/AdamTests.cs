using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using Handwriting.Kernels.Tests.Simd;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature of <see cref="Adam.Run"/>, shared by its CPU-only variant.</summary>
public delegate void AdamRun(ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> m, ArrayView<float> v, int count, AdamSettings settings, int step);

/// <summary><see cref="Adam"/> against <see cref="AdamReference"/> over consecutive steps, from step 1 where the bias correction is largest.</summary>
public abstract class AdamTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    private const int Steps = 5;

    /// <summary>The whole seed model in one flat buffer: 784 x 128 + 128 + 128 x 10 + 10.</summary>
    protected const int SeedModelParameters = 784 * 128 + 128 + 128 * 10 + 10;

    /// <summary>The op under test: the launcher here, the CPU-only variant at one width in <see cref="AdamSimdOnCpu"/>.</summary>
    protected virtual AdamRun Run => Ops.Adam.Run;

    [DeviceTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(785)]
    [InlineData(SeedModelParameters)]
    public void Matches_reference_over_consecutive_steps_with_keras_defaults(int count) =>
        AssertMatchesReference(Run, count, new AdamSettings(), RandomArrays.Seed(801, count));

    /// <summary>Every setting away from its default, so a kernel that ignored one would show it.</summary>
    [DeviceFact]
    public void Matches_reference_over_consecutive_steps_with_other_settings() =>
        AssertMatchesReference(Run, 33, new AdamSettings(LearningRate: 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f), 802);

    /// <summary>
    /// AdamW: lr * W = 5% a step, far above the tolerance, so a kernel that skipped the decay,
    /// or decayed by the bias-corrected alpha instead of lr, would fail.
    /// </summary>
    [DeviceTheory]
    [InlineData(33)]
    [InlineData(SeedModelParameters)]
    public void Matches_reference_over_consecutive_steps_with_weight_decay(int count) =>
        AssertMatchesReference(Run, count, new AdamSettings(LearningRate: 0.01f, WeightDecay: 5f), RandomArrays.Seed(803, count));

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

    /// <summary>Runs <paramref name="run"/> for <see cref="Steps"/> steps against the reference and returns the final parameters, m and v end to end (the same inputs for the same arguments).</summary>
    protected float[] AssertMatchesReference(AdamRun run, int count, AdamSettings settings, int seed)
    {
        var random = new Random(seed);
        float[] parameters = RandomArrays.Floats(random, count);
        double[] expectedParameters = RandomArrays.Widen(parameters);
        var expectedM = new double[count];
        var expectedV = new double[count];

        using var deviceParameters = Upload(parameters);
        using var gradients = NaNs(count);
        using var m = Upload(new float[count]);
        using var v = Upload(new float[count]);
        for (int step = 1; step <= Steps; step++)
        {
            float[] g = RandomArrays.Floats(random, count);
            AdamReference.Run(expectedParameters, RandomArrays.Widen(g), expectedM, expectedV, count, settings, step);
            gradients.CopyFromCPU(g);
            run(deviceParameters.View, gradients.View, m.View, v.View, count, settings, step);

            // Parameters move by ~lr per step; float storage of p dominates their error.
            string what = $"Adam ({count}), {settings}, step {step}";
            new Tolerance(1e-6, 1e-6).AssertClose(expectedParameters, Download(deviceParameters), $"{what}: parameters");
            new Tolerance(1e-7, 1e-5).AssertClose(expectedM, Download(m), $"{what}: m");
            new Tolerance(1e-9, 1e-5).AssertClose(expectedV, Download(v), $"{what}: v");
        }

        return [.. Download(deviceParameters), .. Download(m), .. Download(v)];
    }
}

[Collection(CpuCollection.Name)]
public sealed class AdamOnCpu(CpuDeviceFixture fixture) : AdamTests(fixture);

/// <summary>The portable kernel on the CPU accelerator, where the launcher would otherwise run the SIMD variant.</summary>
[Collection(PortableCpuCollection.Name)]
public sealed class AdamPortableOnCpu(PortableCpuDeviceFixture fixture) : AdamTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class AdamOnCuda(CudaDeviceFixture fixture) : AdamTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class AdamOnOpenCL(OpenCLDeviceFixture fixture) : AdamTests(fixture);

/// <summary>
/// Adam's SIMD variant (CPU-only) at every width this machine accelerates: every test of
/// <see cref="AdamTests"/> at the widest width, and, at each width, five steps over the seed
/// model's parameters and odd counts bit for bit against the portable kernel.
/// </summary>
[Collection(PortableCpuCollection.Name)]
public sealed class AdamSimdOnCpu(PortableCpuDeviceFixture fixture) : AdamTests(fixture)
{
    public static IEnumerable<object[]> Cases => AcceleratedWidths.Times(new TheoryData<int, float> { { 1, 0f }, { 37, 0f }, { SeedModelParameters, 0f }, { SeedModelParameters, 5f } });

    protected override AdamRun Run => Simd(SimdWidths.Widest);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_the_portable_kernel_bit_for_bit(int count, float weightDecay, SimdWidth width)
    {
        var settings = new AdamSettings(LearningRate: 0.01f, WeightDecay: weightDecay);
        int seed = RandomArrays.Seed(804, count);
        float[] simd = AssertMatchesReference(Simd(width), count, settings, seed);
        float[] portable = AssertMatchesReference(Ops.Adam.Run, count, settings, seed);
        SameBits.Assert(portable, simd, $"AdamSimd {width} against Adam ({count}), weight decay {weightDecay}: parameters, m, v after 5 steps");
    }

    private AdamRun Simd(SimdWidth width) =>
        Ops.Variant<Adam>(KernelVariants.Of(width)).Run;
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
