using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

// Every variant of the op against the float64 reference at the catalog's shapes
// (DenseForwardCases, what `handwriting check` runs), and what a case cannot say beside them:
// wrong shapes refused before launching, the dropout mask's statistics, SIMD bit for bit against
// the portable kernel.

/// <summary>The signature every DenseForward variant shares: <see cref="DenseForward.Run"/>.</summary>
public delegate void DenseForwardRun(
    ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, int m, int k, int n, Activation activation, DropoutSettings dropout);

/// <summary>What every DenseForward variant must refuse: a wrong shape, before launching.</summary>
public abstract class DenseForwardContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Every argument a wrong shape can be given in.</summary>
    public static TheoryData<string> Arguments => new() { "a", "rows", "w", "bias", "y" };

    protected void AssertRejectsWrongShape(DenseForwardRun run, string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var rows = Upload(new int[SizeOf(argument, "rows", m)]);
        using var w = NaNs(SizeOf(argument, "w", k * n));
        using var bias = NaNs(SizeOf(argument, "bias", n));
        using var y = NaNs(SizeOf(argument, "y", m * n));
        ArrayView<int> rowView = argument == "rows" ? rows.View : ArrayView<int>.Empty;
        AssertRejects(argument, y, () => run(a.View, rowView, w.View, bias.View, y.View, m, k, n, Activation.Relu, default));
    }
}

/// <summary>The portable kernel (what a GPU compiles; on the CPU accelerator what HANDWRITING_CPU_KERNELS=portable runs) on every backend.</summary>
public abstract class DenseForwardTests(DeviceFixture fixture) : DenseForwardContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(DenseForwardCases.Op, KernelVariant.Portable);

    public static TheoryData<string> MaskCases => CatalogCases.Of(DropoutMaskCases.Op, KernelVariant.Portable);

    private DenseForward Portable => Target.Op<DenseForward>(KernelVariant.Portable);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(MaskCases))]
    public void Draws_the_reference_dropout_mask_bit_for_bit(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(DenseForwardContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Portable.Run, argument);

    /// <summary>
    /// The mask the fused dropout draws, seen through a layer that passes ones straight through:
    /// over 2^20 outputs the number kept is Binomial(N, 1 - rate), within 3 sigma of N (1 - rate),
    /// and every kept output is exactly 1 / (1 - rate).
    /// </summary>
    [DeviceTheory]
    [InlineData(0.2f)]
    [InlineData(0.5f)]
    public void Dropout_keeps_a_fraction_within_three_sigma_of_one_minus_rate(float rate)
    {
        const int count = 1 << 20;
        float[] output = DroppedOnes(count, rate, seed: 42, step: 7);
        int kept = output.Count(value => value != 0f);
        double expected = count * (1.0 - rate);
        double sigma = Math.Sqrt(count * rate * (1.0 - rate));
        Assert.True(
            Math.Abs(kept - expected) <= 3 * sigma,
            $"kept {kept} of {count}, expected {expected} +- {3 * sigma:F0} (3 sigma)");
        Assert.All(output, value => Assert.True(value == 0f || value == 1f / (1f - rate), $"a kept element is {value}, not 1 / (1 - rate)"));
    }

    [DeviceFact]
    public void Dropout_draws_another_mask_for_another_step_or_seed()
    {
        const int count = 4096;
        const float rate = 0.2f;
        bool[] first = Mask(count, rate, seed: 5, step: 1);
        Assert.Equal(first, Mask(count, rate, seed: 5, step: 1));

        // Two independent masks disagree on a fraction 2 rate (1 - rate) = 0.32 of the elements.
        foreach (var (other, what) in new[] { (Mask(count, rate, seed: 5, step: 2), "the next step"), (Mask(count, rate, seed: 6, step: 1), "another seed") })
        {
            int differ = first.Zip(other).Count(pair => pair.First != pair.Second);
            Assert.True(differ > count / 5, $"{what} changes only {differ} of {count} mask elements");
        }
    }

    private bool[] Mask(int count, float rate, uint seed, uint step) =>
        Array.ConvertAll(DroppedOnes(count, rate, seed, step), value => value != 0f);

    /// <summary>One row of ones: A = [1] (1 x 1), W = ones (1 x count), no bias, no activation; so y is the scaled mask.</summary>
    private float[] DroppedOnes(int count, float rate, uint seed, uint step)
    {
        float[] ones = new float[count];
        Array.Fill(ones, 1f);
        using var a = Upload([1f]);
        using var w = Upload(ones);
        using var y = NaNs(count);
        Portable.Run(a.View, default, w.View, default, y.View, 1, 1, count, Activation.None, new DropoutSettings(rate, seed, step));
        return Download(y);
    }
}

[Collection(CpuCollection.Name)]
public sealed class DenseForwardOnCpu(CpuDeviceFixture fixture) : DenseForwardTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class DenseForwardOnCuda(CudaDeviceFixture fixture) : DenseForwardTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class DenseForwardOnOpenCL(OpenCLDeviceFixture fixture) : DenseForwardTests(fixture);

/// <summary>
/// The shared-memory tile kernel (barriers): what the rule picks on GPUs, and on the CPU run on an
/// accelerator with tile-sized groups.
/// </summary>
public abstract class DenseForwardTiledTests(DeviceFixture fixture) : DenseForwardContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(DenseForwardCases.Op, KernelVariant.Tiled);

    public static TheoryData<string> MaskCases => CatalogCases.Of(DropoutMaskCases.Op, KernelVariant.Tiled);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(MaskCases))]
    public void Draws_the_reference_dropout_mask_bit_for_bit(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(DenseForwardContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<DenseForward>(KernelVariant.Tiled).Run, argument);

    /// <summary>DenseForward picks the tile kernel on GPUs and never on the CPU accelerator, whatever its group size.</summary>
    [DeviceFact]
    public void DenseForward_uses_tiles_exactly_on_gpus() =>
        Assert.Equal(Device.Accelerator.AcceleratorType != ILGPU.Runtime.AcceleratorType.CPU, Ops.DenseForward.Variant == KernelVariant.Tiled);
}

[Collection(TiledCpuCollection.Name)]
public sealed class DenseForwardTiledOnCpu(TiledCpuDeviceFixture fixture) : DenseForwardTiledTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class DenseForwardTiledOnCuda(CudaDeviceFixture fixture) : DenseForwardTiledTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class DenseForwardTiledOnOpenCL(OpenCLDeviceFixture fixture) : DenseForwardTiledTests(fixture);

/// <summary>
/// The CPU-only SIMD variants at every width this machine accelerates: against the reference at
/// the catalog's shapes, and bit for bit against the portable kernel on the same inputs.
/// </summary>
[Collection(CpuCollection.Name)]
public sealed class DenseForwardSimdOnCpu(CpuDeviceFixture fixture) : DenseForwardContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Simd(DenseForwardCases.Op);

    public static TheoryData<string> MaskCases => CatalogCases.Simd(DropoutMaskCases.Op);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(string name) => AssertPassesWithThePortableBits(name);

    [DeviceTheory]
    [MemberData(nameof(MaskCases))]
    public void Draws_the_portable_kernels_dropout_mask(string name) => AssertPassesWithThePortableBits(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(DenseForwardContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<DenseForward>(KernelVariants.Of(SimdWidths.Widest)).Run, argument);
}
