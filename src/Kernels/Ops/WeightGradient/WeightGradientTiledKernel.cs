using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="WeightGradient"/>'s tiled variant, for GPUs: the (K + 1) x N block
/// [A^T . dY ; column sums of dY], one output per thread, Tile x Tile outputs per group (thread
/// x = column j, thread y = row p). The reduction runs over M, the batch, in Tile-row slabs: the
/// group loads Tile rows of A (through the row indices; columns p0 .. p0 + Tile - 1) and the same
/// Tile rows of dY (columns j0 ..) into shared memory. The bias row is the same product with a
/// column of ones appended to A (A'[i, K] = 1), so row K needs no separate code and, like every
/// other, sums over the batch in order. Elements past M, K + 1 or N load as zero; every thread
/// reaches every barrier.
/// </summary>
public static class WeightGradientTiledKernel
{
    /// <summary>The side of an output tile and of a batch slab: a group holds Tile x Tile threads.</summary>
    public const int Tile = TilePolicy.Side;

    /// <summary>Compiles the kernel and returns its launch (the caller checked that groups hold a tile).</summary>
    internal static WeightGradientLaunch Load(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadStreamKernel<
            ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, DenseBackwardLayout>(Kernel);
        return (a, rows, dy, gradient, layout) =>
        {
            ops.LaunchingGrouped();
            kernel(Config(layout), a, rows, dy, gradient, layout);
        };
    }

    /// <summary>Groups along x cover N, along y the K + 1 rows.</summary>
    public static KernelConfig Config(DenseBackwardLayout layout) =>
        new(new Index2D((layout.N + Tile - 1) / Tile, (layout.K + Tile) / Tile), new Index2D(Tile, Tile));

    [Kernel(ExplicitlyGrouped = true)]
    public static void Kernel(
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> dy,
        ArrayView<float> gradient,
        DenseBackwardLayout layout)
    {
        // aSlab[r * Tile + c] = A'[i0 + r, p0 + c]; dySlab[r * Tile + c] = dY[i0 + r, j0 + c].
        var aSlab = SharedMemory.Allocate<float>(Tile * Tile);
        var dySlab = SharedMemory.Allocate<float>(Tile * Tile);
        int tx = Group.IdxX;
        int ty = Group.IdxY;
        int p0 = Grid.IdxY * Tile;
        int j = (Grid.IdxX * Tile) + tx;
        int p = p0 + ty;
        int loadP = p0 + tx;
        bool columnInRange = j < layout.N;

        float sum = 0f;
        for (int i0 = 0; i0 < layout.M; i0 += Tile)
        {
            int i = i0 + ty;
            float x = 0f;
            if (i < layout.M)
            {
                if (loadP < layout.K)
                {
                    long source = layout.HasRowIndices != 0 ? rows[i] : i;
                    x = a[(source * layout.K) + loadP];
                }
                else if (loadP == layout.K)
                {
                    x = 1f;
                }
            }

            aSlab[(ty * Tile) + tx] = x;
            dySlab[(ty * Tile) + tx] = i < layout.M && columnInRange ? dy[((long)i * layout.N) + j] : 0f;
            // Not Group.Barrier(): on OpenCL, ILGPU 1.5.3 fences only global memory there (see LocalBarrier).
            LocalBarrier.Wait();

            for (int ii = 0; ii < Tile; ii++)
            {
                sum += aSlab[(ii * Tile) + ty] * dySlab[(ii * Tile) + tx];
            }

            LocalBarrier.Wait();
        }

        if (p <= layout.K && columnInRange)
        {
            gradient[((long)p * layout.N) + j] = sum;
        }
    }
}
