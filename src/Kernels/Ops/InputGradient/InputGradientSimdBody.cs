using System.Buffers;
using System.Runtime.CompilerServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="InputGradientSimd"/>, over raw pointers: CPU-only .NET code.
/// dz = dy . W^T is a forward product with W transposed, so each thread first copies the rows of
/// W (N x K: the next layer's weights) that its share of blocks reads into W^T (K x N), then runs
/// <see cref="RowBlockProduct"/> on that share. Sums run over k from 0 as in <see cref="InputGradient"/>'s kernel,
/// and the epilogue (ReLU's and dropout's mask from y, then the 1 / (1 - rate) scale) is that
/// kernel's: the same bits at every width.
/// </summary>
internal static unsafe class InputGradientSimdBody
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TL, TV>(ThreadShare share, float* dy, float* w, float* y, float* dz, DenseBackwardLayout layout, float scale)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        float[] transposed = ArrayPool<float>.Shared.Rent(layout.K * layout.N);
        try
        {
            fixed (float* wt = transposed)
            {
                // Only the columns of W^T this thread's blocks read: the shares' columns are contiguous
                // (blocks run column chunk first), so the threads transpose W between them once.
                var blocks = new ProductBlocks(layout.M, layout.N, 2 * TL.Count);
                var (first, end) = share.Of(blocks.Count);
                if (first < end)
                {
                    Transpose(w, wt, layout.N, layout.K, blocks[first].Column, blocks[end - 1].ColumnEnd);
                }

                Product<TL, TV>(share, dy, wt, y, dz, layout, scale);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(transposed);
        }
    }

    /// <summary>Rows [from, to) of w (rows x columns) into the same columns of wt (columns x rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* w, float* wt, int rows, int columns, int from, int to)
    {
        for (int r = from; r < to; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                wt[((long)c * rows) + r] = w[((long)r * columns) + c];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Product<TL, TV>(ThreadShare share, float* dy, float* wt, float* y, float* dz, DenseBackwardLayout layout, float scale)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        RowBlockProduct.Multiply<TL, TV>(share, dy, null, wt, dz, layout.M, layout.K, layout.N);
        var blocks = new ProductBlocks(layout.M, layout.N, 2 * TL.Count);
        var (first, end) = share.Of(blocks.Count);
        for (long item = first; item < end; item++)
        {
            var block = blocks[item];
            for (int i = block.Row; i < block.Row + block.RowCount; i++)
            {
                long row = (long)i * layout.N;
                for (int j = block.Column; j < block.ColumnEnd; j++)
                {
                    // ReLU passed and dropout kept exactly where the layer's output is positive.
                    dz[row + j] = y[row + j] > 0f ? dz[row + j] * scale : 0f;
                }
            }
        }
    }
}
