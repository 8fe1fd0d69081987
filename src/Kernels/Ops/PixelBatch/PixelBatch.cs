using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Reads a batch of images out of a dataset's pixel bytes into floats the dense layers take:
/// y[i, p] = a[rows[i], p] / 255f (or a[i, p] without row indices). a is (SourceRows, K) bytes,
/// 0 to 255; rows is (M) or empty; y is (M, K). In the seed model K = I (784) and M = B for a
/// training step (rows the epoch's shuffled indices) or up to 1,000 for an evaluation chunk.
/// The dataset lives on the device as its IDX bytes, a quarter of what floats would take; this is
/// where they become the seed's x / 255f, exactly (a multiply by 1/255f would differ in the last
/// bit for some bytes). On the CPU accelerator the CPU-only body of <see cref="PixelBatchSimd"/>
/// runs instead of the portable kernel; the fused step (<see cref="CpuTrainingStep"/>) runs the
/// same body as its first phase.
/// </summary>
public sealed class PixelBatch : IDeviceOp<PixelBatch>
{
    private readonly DeviceOps _ops;
    private readonly Lazy<Action<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, int, int>> _kernel;

    private PixelBatch(DeviceOps ops)
    {
        _ops = ops;
        _kernel = ops.PortableKernel(
            () => ops.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<float>, int, int>(Kernel),
            replaced: false);
    }

    static PixelBatch IDeviceOp<PixelBatch>.Load(DeviceOps ops) => new(ops);

    /// <summary>rows: empty for y = a / 255, else the (M) source row of each batch row, each in [0, a rows) (the caller's shuffle guarantees it; a kernel cannot throw).</summary>
    public void Run(ArrayView<byte> a, ArrayView<int> rows, ArrayView<float> y, int m, int k)
    {
        Check(a, rows, y, m, k);
        if (_ops.Simd is { } width)
        {
            _ops.PixelBatchSimd.Launch(a, rows, y, m, k, width);
            return;
        }

        var split = _ops.Launching((long)m * k);
        _kernel.Value(split.Threads, a, rows, y, k, split.ItemsPerThread);
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
