using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature every PixelBatch variant shares: <see cref="PixelBatch.Run"/>.</summary>
public delegate void PixelBatchRun(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k);

/// <summary>What every PixelBatch variant must do beyond the catalog: read the seed's x / 255f for every byte value, and refuse a wrong shape before launching.</summary>
public abstract class PixelBatchContract(DeviceFixture fixture) : DeviceTests(fixture)
{
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

    /// <summary>All 256 byte values, in reverse through row indices: each must come out as exactly byte / 255f.</summary>
    protected void AssertEveryByteReadsAsTheSeedScalesIt(PixelBatchRun run)
    {
        const int k = 16, sourceRows = 256 / k;
        byte[] bytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        int[] reversed = Enumerable.Range(0, sourceRows).Reverse().ToArray();
        using var a = Upload(bytes);
        using var rows = Upload(reversed);
        using var y = NaNs(256);
        run(a.View, rows.View, y.View, sourceRows, k);

        float[] read = Download(y);
        for (int i = 0; i < sourceRows; i++)
        {
            for (int p = 0; p < k; p++)
            {
                int b = (reversed[i] * k) + p;
                Assert.Equal(b / 255f, read[(i * k) + p]);
            }
        }
    }
}

/// <summary>
/// The portable kernel on every backend against the reference at the catalog's shapes
/// (<see cref="PixelBatchCases"/>, what `handwriting check` runs), exactly.
/// </summary>
public abstract class PixelBatchTests(DeviceFixture fixture) : PixelBatchContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(PixelBatchCases.Op, KernelVariant.Portable);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_exactly(string name) => AssertPasses(name);

    [DeviceFact]
    public void Every_byte_reads_as_the_seed_scales_it() =>
        AssertEveryByteReadsAsTheSeedScalesIt(Target.Op<PixelBatch>(KernelVariant.Portable).Run);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(PixelBatchContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<PixelBatch>(KernelVariant.Portable).Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class PixelBatchOnCpu(CpuDeviceFixture fixture) : PixelBatchTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class PixelBatchOnCuda(CudaDeviceFixture fixture) : PixelBatchTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class PixelBatchOnOpenCL(OpenCLDeviceFixture fixture) : PixelBatchTests(fixture);

/// <summary>The CPU-only variants at every width this machine accelerates: against the reference, and bit for bit against the portable kernel.</summary>
[Collection(CpuCollection.Name)]
public sealed class PixelBatchSimdOnCpu(CpuDeviceFixture fixture) : PixelBatchContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Simd(PixelBatchCases.Op);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(string name) => AssertPassesWithThePortableBits(name);

    [DeviceFact]
    public void Every_byte_reads_as_the_seed_scales_it() =>
        AssertEveryByteReadsAsTheSeedScalesIt(Target.Op<PixelBatch>(KernelVariants.Of(SimdWidths.Widest)).Run);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(PixelBatchContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<PixelBatch>(KernelVariants.Of(SimdWidths.Widest)).Run, argument);
}
