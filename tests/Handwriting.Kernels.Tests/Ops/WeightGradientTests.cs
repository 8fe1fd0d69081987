using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using Handwriting.Kernels.Tests.Simd;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

// Every variant of the op, tested through one contract: the op (SIMD or portable on the CPU
// accelerator, tiles on GPUs) on every backend, and the tile kernel itself on a CPU accelerator
// with tile-sized groups.

/// <summary>The signature both weight-gradient kernels share: <see cref="WeightGradient.Run"/> and its tiled variant's.</summary>
public delegate void WeightGradientRun(ArrayView<float> a, ArrayView<int> rows, ArrayView<float> dy, ArrayView<float> gradient, int m, int k, int n);

/// <summary>
/// What every weight-gradient kernel must do, checked once for both (the portable one and the
/// shared-memory tile one): match <see cref="WeightGradientReference"/>; and refuse wrong shapes
/// before launching.
/// Each test class supplies its own shapes.
/// </summary>
public abstract class WeightGradientContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Runs <paramref name="run"/> on inputs drawn from the seed and the shape, asserts it matches the reference, and returns its output (the same inputs for the same arguments, so two kernels' outputs can be compared bit for bit).</summary>
    protected float[] AssertMatchesReference(WeightGradientRun run, string name, int seedBase, int m, int k, int n, bool gather)
    {
        var random = new Random(RandomArrays.Seed(seedBase, m, k, n, gather ? 1 : 0));
        int sourceRows = gather ? m + 5 : m;
        float[] a = RandomArrays.Floats(random, (long)sourceRows * k);
        float[] dy = RandomArrays.Floats(random, (long)m * n);
        int[] rows = gather ? RandomArrays.Ints(random, m, sourceRows) : [];

        var expected = new double[(long)(k + 1) * n];
        WeightGradientReference.Run(RandomArrays.Widen(a), rows, RandomArrays.Widen(dy), expected, m, k, n);

        using var deviceA = Upload(a);
        using var deviceRows = Upload(gather ? rows : [0]);
        using var deviceDy = Upload(dy);
        using var gradient = NaNs((long)(k + 1) * n);
        run(deviceA.View, gather ? (ArrayView<int>)deviceRows.View : ArrayView<int>.Empty, deviceDy.View, gradient.View, m, k, n);

        float[] output = Download(gradient);
        MatMulTolerance.For(m).AssertClose(expected, output, $"{name} ({m}x{k})^T . ({m}x{n}) and column sums, gather {gather}");
        return output;
    }

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

/// <summary>
/// <see cref="WeightGradient"/> (the variant the device chose: SIMD on the CPU accelerator, tiles on GPUs)
/// against <see cref="WeightGradientReference"/>.
/// </summary>
public abstract class WeightGradientTests(DeviceFixture fixture) : WeightGradientContract(fixture)
{
    /// <summary>The seed model's two layers (Float4 path for 784x128, scalar for 128x10), gathered rows, odd extents; also the CPU-only variant's cases (<see cref="WeightGradientSimdOnCpu"/>).</summary>
    public static TheoryData<int, int, int, bool> Cases => new()
    {
        { 32, 784, 128, true },
        { 32, 784, 128, false },
        { 32, 128, 10, false },
        { 7, 48, 24, true },
        { 1, 4, 8, false },
        { 33, 7, 5, true },
        { 1, 1, 1, false },
        { 128, 784, 128, true },
    };

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(int m, int k, int n, bool gather) =>
        AssertMatchesReference(Ops.WeightGradient.Run, "WeightGradient", 1201, m, k, n, gather);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(WeightGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.WeightGradient.Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class WeightGradientOnCpu(CpuDeviceFixture fixture) : WeightGradientTests(fixture);

/// <summary>The portable kernel on the CPU accelerator, where the launcher would otherwise run the SIMD variant.</summary>
[Collection(PortableCpuCollection.Name)]
public sealed class WeightGradientPortableOnCpu(PortableCpuDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class WeightGradientOnCuda(CudaDeviceFixture fixture) : WeightGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class WeightGradientOnOpenCL(OpenCLDeviceFixture fixture) : WeightGradientTests(fixture);

/// <summary>
/// WeightGradient's tiled variant (shared-memory tiles, barriers) against
/// <see cref="WeightGradientReference"/>. On the CPU it runs on an accelerator
/// with tile-sized groups; on CUDA and OpenCL it is also what WeightGradient runs.
/// </summary>
public abstract class WeightGradientTiledTests(DeviceFixture fixture) : WeightGradientContract(fixture)
{
    /// <summary>
    /// Extents off the tile on every edge (K + 1 a multiple of 16 once: 15 x 16), the bias row alone
    /// in its tile row (K = 16), M &lt; K as at batch 32, and the seed model's hidden layer.
    /// </summary>
    [DeviceTheory]
    [InlineData(1, 1, 1, false)]
    [InlineData(1, 1, 1, true)]
    [InlineData(7, 33, 5, true)]
    [InlineData(33, 47, 29, false)]
    [InlineData(33, 47, 29, true)]
    [InlineData(17, 15, 16, false)]
    [InlineData(16, 16, 16, true)]
    [InlineData(32, 784, 128, true)]
    public void Matches_reference(int m, int k, int n, bool gather) =>
        AssertMatchesReference(Ops.Variant<WeightGradient>(KernelVariant.Tiled).Run, "WeightGradient tiled", 1401, m, k, n, gather);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(WeightGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.Variant<WeightGradient>(KernelVariant.Tiled).Run, argument);

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

/// <summary>
/// WeightGradient's SIMD variant (CPU-only) at every width this machine accelerates: against the
/// reference on <see cref="WeightGradientTests.Cases"/>, and bit for bit against the portable
/// kernel on the same inputs (the fixture runs the portable kernels).
/// </summary>
[Collection(PortableCpuCollection.Name)]
public sealed class WeightGradientSimdOnCpu(PortableCpuDeviceFixture fixture) : WeightGradientContract(fixture)
{
    public static IEnumerable<object[]> Cases => AcceleratedWidths.Times(WeightGradientTests.Cases);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(int m, int k, int n, bool gather, SimdWidth width)
    {
        float[] simd = AssertMatchesReference(Simd(width), $"WeightGradientSimd {width}", 1201, m, k, n, gather);
        float[] portable = AssertMatchesReference(Ops.WeightGradient.Run, "WeightGradient", 1201, m, k, n, gather);
        SameBits.Assert(portable, simd, $"WeightGradientSimd {width} against WeightGradient ({m}x{k})^T . ({m}x{n}), gather {gather}");
    }

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(WeightGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Simd(SimdWidths.Widest), argument);

    private WeightGradientRun Simd(SimdWidth width) =>
        Ops.Variant<WeightGradient>(KernelVariants.Of(width)).Run;
}
