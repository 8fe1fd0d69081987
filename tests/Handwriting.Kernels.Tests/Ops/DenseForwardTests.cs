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

/// <summary>The signature both forward kernels share: <see cref="DenseForward.Run"/> and its tiled variant's.</summary>
public delegate void DenseForwardRun(
    ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, int m, int k, int n, Activation activation, DropoutSettings dropout);

/// <summary>
/// What every dense forward kernel must do, checked once for both (the portable one and the
/// shared-memory tile one): match <see cref="DenseForwardReference"/>; and refuse wrong shapes
/// before launching. Each test class supplies its own shapes.
/// </summary>
public abstract class DenseForwardContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Runs <paramref name="run"/> on inputs drawn from the seed and the shape, asserts it matches the reference, and returns its output (the same inputs for the same arguments, so two kernels' outputs can be compared bit for bit).</summary>
    protected float[] AssertMatchesReference(DenseForwardRun run, string name, int seedBase, int m, int k, int n, Activation activation, bool withBias, bool gather, float rate)
    {
        var random = new Random(RandomArrays.Seed(seedBase, m, k, n, (int)activation, withBias ? 1 : 0, gather ? 1 : 0, (int)(rate * 100)));
        int sourceRows = gather ? m + 5 : m;
        float[] a = RandomArrays.Floats(random, (long)sourceRows * k);
        float[] w = RandomArrays.Floats(random, (long)k * n);
        float[] bias = RandomArrays.Floats(random, n);
        int[] rows = gather ? RandomArrays.Ints(random, m, sourceRows) : [];
        const uint seed = 77;
        const uint step = 3;

        var expected = new double[(long)m * n];
        DenseForwardReference.Run(
            RandomArrays.Widen(a), rows, RandomArrays.Widen(w), withBias ? RandomArrays.Widen(bias) : [], expected, m, k, n, activation, new DropoutSettings(rate, seed, step));

        using var deviceA = Upload(a);
        using var deviceRows = Upload(gather ? rows : [0]);
        using var deviceW = Upload(w);
        using var deviceBias = Upload(bias);
        using var y = NaNs((long)m * n);
        run(
            deviceA.View, gather ? (ArrayView<int>)deviceRows.View : ArrayView<int>.Empty, deviceW.View, withBias ? (ArrayView<float>)deviceBias.View : ArrayView<float>.Empty,
            y.View, m, k, n, activation, new DropoutSettings(rate, seed, step));

        float[] output = Download(y);
        MatMulTolerance.For(k).AssertClose(expected, output, $"{name} ({m}x{k}) . ({k}x{n}), {activation}, bias {withBias}, gather {gather}, dropout {rate}");
        return output;
    }

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

/// <summary>
/// <see cref="DenseForward"/> (the variant the device chose: SIMD on the CPU accelerator, tiles on GPUs)
/// against <see cref="DenseForwardReference"/>.
/// </summary>
public abstract class DenseForwardTests(DeviceFixture fixture) : DenseForwardContract(fixture)
{
    /// <summary>
    /// The seed model's layers (the Float4 path: K a multiple of 4, N of 8; and the scalar path for
    /// N = 10), a batch that is not a whole number of 4-row blocks, and odd extents everywhere.
    /// The CPU-only variant runs the same cases (<see cref="DenseForwardSimdOnCpu"/>).
    /// </summary>
    public static TheoryData<int, int, int, Activation, bool, bool, float> Cases => new()
    {
        { 32, 784, 128, Activation.Relu, true, true, 0.2f },
        { 32, 784, 128, Activation.Relu, true, false, 0f },
        { 32, 128, 10, Activation.None, true, false, 0f },
        { 32, 784, 10, Activation.None, true, true, 0f },
        { 7, 48, 24, Activation.Relu, false, true, 0.5f },
        { 1, 8, 8, Activation.Relu, true, true, 0.2f },
        { 7, 33, 5, Activation.Relu, true, true, 0.2f },
        { 33, 7, 1, Activation.None, false, false, 0f },
    };

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(int m, int k, int n, Activation activation, bool withBias, bool gather, float rate) =>
        AssertMatchesReference(Ops.DenseForward.Run, "DenseForward", 1101, m, k, n, activation, withBias, gather, rate);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(DenseForwardContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.DenseForward.Run, argument);

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
        Ops.DenseForward.Run(a.View, default, w.View, default, y.View, 1, 1, count, Activation.None, new DropoutSettings(rate, seed, step));
        return Download(y);
    }
}

[Collection(CpuCollection.Name)]
public sealed class DenseForwardOnCpu(CpuDeviceFixture fixture) : DenseForwardTests(fixture);

/// <summary>The portable kernel on the CPU accelerator, where the launcher would otherwise run the SIMD variant.</summary>
[Collection(PortableCpuCollection.Name)]
public sealed class DenseForwardPortableOnCpu(PortableCpuDeviceFixture fixture) : DenseForwardTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class DenseForwardOnCuda(CudaDeviceFixture fixture) : DenseForwardTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class DenseForwardOnOpenCL(OpenCLDeviceFixture fixture) : DenseForwardTests(fixture);

/// <summary>
/// DenseForward's tiled variant (shared-memory tiles, barriers) against
/// <see cref="DenseForwardReference"/>. On the CPU it runs on an accelerator with tile-sized
/// groups; on CUDA and OpenCL it is also what DenseForward runs.
/// </summary>
public abstract class DenseForwardTiledTests(DeviceFixture fixture) : DenseForwardContract(fixture)
{
    /// <summary>
    /// Extents that are not multiples of the tile on every edge, M &lt; K as at batch 32, a single
    /// element, one seed-model layer; with and without gather, bias, ReLU and dropout.
    /// </summary>
    [DeviceTheory]
    [InlineData(1, 1, 1, Activation.None, false, false, 0f)]
    [InlineData(1, 1, 1, Activation.Relu, true, true, 0.5f)]
    [InlineData(7, 33, 5, Activation.Relu, true, true, 0.2f)]
    [InlineData(7, 33, 5, Activation.None, false, false, 0f)]
    [InlineData(33, 47, 29, Activation.Relu, true, false, 0.2f)]
    [InlineData(33, 47, 29, Activation.None, false, true, 0f)]
    [InlineData(16, 16, 16, Activation.Relu, true, true, 0f)]
    [InlineData(33, 7, 1, Activation.None, true, false, 0f)]
    [InlineData(32, 784, 128, Activation.Relu, true, true, 0.2f)]
    public void Matches_reference(int m, int k, int n, Activation activation, bool withBias, bool gather, float rate) =>
        AssertMatchesReference(Ops.Variant<DenseForward>(KernelVariant.Tiled).Run, "DenseForward tiled", 1301, m, k, n, activation, withBias, gather, rate);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(DenseForwardContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.Variant<DenseForward>(KernelVariant.Tiled).Run, argument);

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
/// DenseForward's SIMD variant (CPU-only) at every width this machine accelerates: against the
/// reference on <see cref="DenseForwardTests.Cases"/>, and bit for bit against the portable kernel
/// on the same inputs (the fixture runs the portable kernels).
/// </summary>
[Collection(PortableCpuCollection.Name)]
public sealed class DenseForwardSimdOnCpu(PortableCpuDeviceFixture fixture) : DenseForwardContract(fixture)
{
    public static IEnumerable<object[]> Cases => AcceleratedWidths.Times(DenseForwardTests.Cases);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(int m, int k, int n, Activation activation, bool withBias, bool gather, float rate, SimdWidth width)
    {
        float[] simd = AssertMatchesReference(Simd(width), $"DenseForwardSimd {width}", 1101, m, k, n, activation, withBias, gather, rate);
        float[] portable = AssertMatchesReference(Ops.DenseForward.Run, "DenseForward", 1101, m, k, n, activation, withBias, gather, rate);
        SameBits.Assert(portable, simd, $"DenseForwardSimd {width} against DenseForward ({m}x{k}) . ({k}x{n}), {activation}, bias {withBias}, gather {gather}, dropout {rate}");
    }

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(DenseForwardContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Simd(SimdWidths.Widest), argument);

    private DenseForwardRun Simd(SimdWidth width) =>
        Ops.Variant<DenseForward>(KernelVariants.Of(width)).Run;
}
