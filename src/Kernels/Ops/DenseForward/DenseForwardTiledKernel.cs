using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="DenseForward"/>'s tiled variant, for GPUs: Y (M x N) = epilogue(A . W + bias), one
/// output per thread, Tile x Tile outputs per group (thread x = column j, thread y = row i). K is
/// walked in Tile-wide slabs: the group loads a Tile x Tile slab of A (its rows, through the row
/// indices) and one of W into shared memory, each thread one element of each, then every thread
/// reads Tile elements of each slab from shared memory instead of global memory. Elements past M,
/// N or K load as zero, so edge tiles need no other code; every thread, in range or not, reaches
/// every barrier. Sums run over k in order, as in the scalar path of <see cref="DenseForwardKernel"/>.
/// Unlike ILGPU's MatrixMultiply sample, the slab loop runs over K, not over M or N.
/// </summary>
public static class DenseForwardTiledKernel
{
    /// <summary>The side of an output tile and of a K slab: a group holds Tile x Tile threads.</summary>
    public const int Tile = TilePolicy.Side;

    /// <summary>Compiles the kernel and returns its launch (the caller checked that groups hold a tile).</summary>
    internal static DenseForwardLaunch Load(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadStreamKernel<
            ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout>(Kernel);
        return (a, rows, w, bias, y, layout) =>
        {
            ops.LaunchingGrouped();
            kernel(Config(layout), a, rows, w, bias, y, layout);
        };
    }

    /// <summary>Groups along x cover N, along y cover M.</summary>
    public static KernelConfig Config(DenseLayout layout) =>
        new(new Index2D((layout.N + Tile - 1) / Tile, (layout.M + Tile - 1) / Tile), new Index2D(Tile, Tile));

    [Kernel(ExplicitlyGrouped = true)]
    public static void Kernel(
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> w,
        ArrayView<float> bias,
        ArrayView<float> y,
        DenseLayout layout)
    {
        // aSlab[r * Tile + c] = A[i0 + r, k0 + c]; wSlab[r * Tile + c] = W[k0 + r, j0 + c].
        var aSlab = SharedMemory.Allocate<float>(Tile * Tile);
        var wSlab = SharedMemory.Allocate<float>(Tile * Tile);
        int tx = Group.IdxX;
        int ty = Group.IdxY;
        int j = (Grid.IdxX * Tile) + tx;
        int i = (Grid.IdxY * Tile) + ty;
        bool rowInRange = i < layout.M;
        bool columnInRange = j < layout.N;
        long aRow = rowInRange ? DenseForwardKernel.SourceRow(rows, layout, i) * layout.K : 0;

        float sum = 0f;
        for (int k0 = 0; k0 < layout.K; k0 += Tile)
        {
            int ka = k0 + tx;
            aSlab[(ty * Tile) + tx] = rowInRange && ka < layout.K ? a[aRow + ka] : 0f;
            int kw = k0 + ty;
            wSlab[(ty * Tile) + tx] = columnInRange && kw < layout.K ? w[((long)kw * layout.N) + j] : 0f;
            // Not Group.Barrier(): on OpenCL, ILGPU 1.5.3 fences only global memory there (see LocalBarrier).
            LocalBarrier.Wait();

            for (int kk = 0; kk < Tile; kk++)
            {
                sum += aSlab[(ty * Tile) + kk] * wSlab[(kk * Tile) + tx];
            }

            LocalBarrier.Wait();
        }

        if (rowInRange && columnInRange)
        {
            long index = ((long)i * layout.N) + j;
            y[index] = DenseForwardKernel.Epilogue(layout, bias, j, index, sum);
        }
    }
}
