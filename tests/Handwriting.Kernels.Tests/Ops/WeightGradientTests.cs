using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

// Every variant of the op against the float64 reference at the catalog's shapes
// (WeightGradientCases, what `handwriting check` runs), and beside them what a case cannot say:
// wrong shapes refused before launching, SIMD bit for bit against the portable kernel.

/// <summary>The signature every WeightGradient variant shares: <see cref="WeightGradient.Run"/>.</summary>
public delegate void WeightGradientRun(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n);

/// <summary>What every WeightGradient variant must refuse: a wrong shape, before launching.</summary>
public abstract class WeightGradientContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Every argument a wrong shape can be given in.</summary>
    public static TheoryData<string> Arguments => new() { "a", "rows", "dy", "gradient" };

    protected void AssertRejectsWrongShape(WeightGradientRun run, string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var rows = Upload(new int[SizeOf(argument, "rows", m)]);
        using var dy = NaNs(SizeOf(argument, "dy", m * n));
        using var gradient = NaNs(SizeOf(argument, "gradient", (k + 1) * n));
        ArrayView<int> rowView = argument == "rows" ? rows.View : ArrayView<int>.Empty;
        AssertRejects(argument, gradient, () => run(a.View, rowView, dy.View, gradient.View, m, k, n));
    }
}

/// <summary>The portable kernel on every backend.</summary>
public abstract class WeightGradientTests(DeviceFixture fixture) : WeightGradientContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(WeightGradientCases.Op, KernelVariant.Portable);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(WeightGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<WeightGradient>(KernelVariant.Portable).Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class WeightGradientOnCpu(CpuDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class WeightGradientOnCuda(CudaDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class WeightGradientOnOpenCL(OpenCLDeviceFixture fixture) : WeightGradientTests(fixture);

/// <summary>The shared-memory tile kernel: what the rule picks on GPUs, and on the CPU run on an accelerator with tile-sized groups.</summary>
public abstract class WeightGradientTiledTests(DeviceFixture fixture) : WeightGradientContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(WeightGradientCases.Op, KernelVariant.Tiled);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(WeightGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<WeightGradient>(KernelVariant.Tiled).Run, argument);

    /// <summary>WeightGradient picks the tile kernel on GPUs and never on the CPU accelerator, whatever its group size.</summary>
    [DeviceFact]
    public void WeightGradient_uses_tiles_exactly_on_gpus() =>
        Assert.Equal(Device.Accelerator.AcceleratorType != ILGPU.Runtime.AcceleratorType.CPU, Ops.WeightGradient.Variant == KernelVariant.Tiled);
}

[Collection(TiledCpuCollection.Name)]
public sealed class WeightGradientTiledOnCpu(TiledCpuDeviceFixture fixture) : WeightGradientTiledTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class WeightGradientTiledOnCuda(CudaDeviceFixture fixture) : WeightGradientTiledTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class WeightGradientTiledOnOpenCL(OpenCLDeviceFixture fixture) : WeightGradientTiledTests(fixture);

/// <summary>The CPU-only SIMD variants at every width this machine accelerates: against the reference, and bit for bit against the portable kernel.</summary>
[Collection(CpuCollection.Name)]
public sealed class WeightGradientSimdOnCpu(CpuDeviceFixture fixture) : WeightGradientContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Simd(WeightGradientCases.Op);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(string name) => AssertPassesWithThePortableBits(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(WeightGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<WeightGradient>(KernelVariants.Of(SimdWidths.Widest)).Run, argument);
}
