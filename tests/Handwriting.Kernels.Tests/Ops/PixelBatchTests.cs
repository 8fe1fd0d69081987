using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using Handwriting.Kernels.Tests.Simd;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature of <see cref="PixelBatch.Run"/>, shared by its CPU-only variant.</summary>
public delegate void PixelBatchRun(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k);

/// <summary>
/// What every pixel-batch kernel must do: give exactly the seed's byte / 255f (what the float64
/// reference holds too), through row indices or without, and refuse wrong shapes before launching.
/// </summary>
public abstract class PixelBatchContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Runs <paramref name="run"/> on bytes drawn from the shape, asserts it matches the reference exactly, and returns y.</summary>
    protected float[] AssertMatchesReference(PixelBatchRun run, string name, int sourceRows, int m, int k, bool gather)
    {
        var random = new Random(RandomArrays.Seed(1401, sourceRows, m, k, gather ? 1 : 0));
        byte[] a = RandomArrays.Bytes(random, (long)(gather ? sourceRows : m) * k);
        int[] rows = gather ? RandomArrays.Ints(random, m, sourceRows) : [];
        var expected = new double[(long)m * k];
        PixelBatchReference.Run(a, rows, expected, m, k);

        using var deviceA = Upload(a);
        using var deviceRows = Upload(rows.Length == 0 ? [0] : rows);
        using var y = NaNs((long)m * k);
        run(deviceA.View, rows.Length == 0 ? default : deviceRows.View, y.View, m, k);

        float[] output = Download(y);
        Assert.Equal(expected.Select(v => (float)v).ToArray(), output);
        Assert.Equal(a[(gather ? rows[m - 1] : m - 1) * k] / 255f, output[(m - 1) * k]);
        return output;
    }

    /// <summary>Every argument a wrong shape can be given in.</summary>
    public static TheoryData<string> Arguments => new() { "a", "rows", "y", "m", "k" };

    protected void AssertRejectsWrongShape(PixelBatchRun run, string argument)
    {
        const int sourceRows = 4, m = 3, k = 5;
        using var a = Upload(new byte[SizeOf(argument, "a", sourceRows * k)]);
        using var rows = Upload(new int[SizeOf(argument, "rows", m)]);
        using var y = NaNs(SizeOf(argument, "y", m * k));
        AssertRejects(argument, y, () => run(a.View, rows.View, y.View, ExtentOf(argument, "m", m), ExtentOf(argument, "k", k)));
    }
}

/// <summary><see cref="PixelBatch"/> against <see cref="PixelBatchReference"/>.</summary>
public abstract class PixelBatchTests(DeviceFixture fixture) : PixelBatchContract(fixture)
{
    /// <summary>A training batch through shuffled indices, an evaluation chunk, one image, odd extents; also the CPU-only variant's cases.</summary>
    public static TheoryData<int, int, int, bool> Cases => new()
    {
        { 100, 32, 784, true },
        { 1000, 1000, 784, false },
        { 1, 1, 784, false },
        { 9, 7, 33, true },
        { 1, 1, 1, true },
        { 5, 13, 3, true },
    };

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_exactly(int sourceRows, int m, int k, bool gather) =>
        AssertMatchesReference(Ops.PixelBatch.Run, "PixelBatch", sourceRows, m, k, gather);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(PixelBatchContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.PixelBatch.Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class PixelBatchOnCpu(CpuDeviceFixture fixture) : PixelBatchTests(fixture);

/// <summary>The portable kernel on the CPU accelerator, where the launcher would otherwise run the CPU-only body.</summary>
[Collection(PortableCpuCollection.Name)]
public sealed class PixelBatchPortableOnCpu(PortableCpuDeviceFixture fixture) : PixelBatchTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class PixelBatchOnCuda(CudaDeviceFixture fixture) : PixelBatchTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class PixelBatchOnOpenCL(OpenCLDeviceFixture fixture) : PixelBatchTests(fixture);

/// <summary>
/// <see cref="PixelBatchSimd"/> (CPU-only) at every width this machine accelerates: against the
/// reference on <see cref="PixelBatchTests.Cases"/>, and bit for bit against the portable kernel.
/// </summary>
[Collection(PortableCpuCollection.Name)]
public sealed class PixelBatchSimdOnCpu(PortableCpuDeviceFixture fixture) : PixelBatchContract(fixture)
{
    public static IEnumerable<object[]> Cases => AcceleratedWidths.Times(PixelBatchTests.Cases);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(int sourceRows, int m, int k, bool gather, SimdWidth width)
    {
        float[] simd = AssertMatchesReference(Simd(width), $"PixelBatchSimd {width}", sourceRows, m, k, gather);
        float[] portable = AssertMatchesReference(Ops.PixelBatch.Run, "PixelBatch", sourceRows, m, k, gather);
        SameBits.Assert(portable, simd, $"PixelBatchSimd {width} against PixelBatch ({m}, {k}), gather {gather}");
    }

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(PixelBatchContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Simd(SimdWidths.Widest), argument);

    private PixelBatchRun Simd(SimdWidth width) =>
        (a, rows, y, m, k) => Ops.PixelBatchSimd.Run(a, rows, y, m, k, width);
}
