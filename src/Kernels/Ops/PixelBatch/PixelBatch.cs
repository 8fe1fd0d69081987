using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Reads a batch of images out of a dataset's pixel bytes into the floats the dense layers take:
/// y[i, p] = a[rows[i], p] / 255f (or a[i, p] without row indices). a is (SourceRows, K) bytes,
/// 0 to 255; rows is (M) or empty; y is (M, K). In the seed model K = I (784) and M = B for a
/// training step (rows the epoch's shuffled indices) or up to 1,000 for an evaluation chunk.
/// The dataset lives on the device as its IDX bytes, a quarter of what floats would take; this is
/// where they become the seed's x / 255f, exactly (a multiply by 1/255f would differ in the last
/// bit for some bytes).
/// Variants (<see cref="VariantRule"/>; the same bits): the portable <see cref="Kernel"/> below, and
/// on the CPU accelerator <see cref="PixelBatchSimd"/>, whose body the fused step
/// (<see cref="CpuTrainingStep"/>) also runs as its first phase.
/// </summary>
public sealed class PixelBatch : IDeviceOp<PixelBatch>
{
    private readonly PixelBatchLaunch _launch;

    private PixelBatch(DeviceOps ops, KernelVariant variant)
    {
        Variant = variant;
        _launch = variant == KernelVariant.Portable ? LoadPortable(ops) : PixelBatchSimd.Load(ops, variant.Width());
    }

    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Portable, KernelVariant.Simd128, KernelVariant.Simd256, KernelVariant.Simd512];

    public KernelVariant Variant { get; }

    static PixelBatch IDeviceOp<PixelBatch>.Load(DeviceOps ops, KernelVariant variant) => new(ops, variant);

    /// <summary>rows: empty for y = a / 255, else the (M) source row of each batch row, each in [0, a rows) (the caller's shuffle guarantees it; a kernel cannot throw).</summary>
    public void Run(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k)
    {
        Check(a, rows, y, m, k);
        _launch(a, rows, y, m, k);
    }

    /// <summary>Checks every argument of <see cref="Run"/>.</summary>
    internal static void Check(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k)
    {
        Require.Positive(m, nameof(m));
        Require.Positive(k, nameof(k));
        if (rows.Length == 0)
        {
            Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
        }
        else
        {
            Require.Length(rows, m, nameof(rows), $"({m})");
            Require.WholeRows(a, k, nameof(a), $"rows of {k}");
        }

        Require.Length(y, (long)m * k, nameof(y), $"({m}, {k})");
    }

    private static PixelBatchLaunch LoadPortable(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, int, int>(Kernel);
        return (a, rows, y, m, k) =>
        {
            var split = ops.Launching((long)m * k);
            kernel(split.Threads, a, rows, y, k, split.ItemsPerThread);
        };
    }

    /// <summary>Each thread a contiguous run of y's M x K elements.</summary>
    [Kernel]
    public static void Kernel(Index1D thread, ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int k, int perThread)
    {
        long first = (long)(int)thread * perThread;
        long last = Math.Min(first + perThread, y.Length);
        for (long e = first; e < last; e++)
        {
            long i = e / k;
            long source = rows.Length != 0 ? rows[i] : i;
            y[e] = a[(source * k) + (e - (i * k))] / 255f;
        }
    }
}

/// <summary>One launch of the variant a <see cref="PixelBatch"/> loaded, its arguments checked.</summary>
internal delegate void PixelBatchLaunch(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k);
