using System.Runtime.CompilerServices;
using System.Buffers;
using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="InputGradientSimd"/>, over raw pointers: CPU-only .NET code.
/// dz = dy . W^T is a forward product with W transposed, so each thread first copies W (N x K,
/// small: the next layer's weights) into W^T (K x N), then runs <see cref="RowBlockProduct"/> on
/// its share of blocks. Sums run over k from 0 as in <see cref="InputGradient"/>'s kernel,
/// and the epilogue (ReLU's and dropout's mask from y, then the 1 / (1 - rate) scale) is that
/// kernel's: the same bits at every width.
/// </summary>
internal static unsafe class InputGradientSimdBody
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ThreadShare share, float* dy, float* w, float* y, float* dz, DenseBackwardLayout layout, float scale, SimdWidth width)
    {
        float[] transposed = ArrayPool<float>.Shared.Rent(layout.K * layout.N);
        try
        {
            fixed (float* wt = transposed)
            {
                Transpose(w, wt, layout.N, layout.K);
                switch (width)
                {
                    case SimdWidth.Bits512:
                        Run<Lanes512, Vector512<float>>(share, dy, wt, y, dz, layout, scale);
                        break;
                    case SimdWidth.Bits256:
                        Run<Lanes256, Vector256<float>>(share, dy, wt, y, dz, layout, scale);
                        break;
                    default:
                        Run<Lanes128, Vector128<float>>(share, dy, wt, y, dz, layout, scale);
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(transposed);
        }
    }

    /// <summary>wt (columns x rows) = w (rows x columns) transposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* w, float* wt, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                wt[((long)c * rows) + r] = w[((long)r * columns) + c];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TL, TV>(ThreadShare share, float* dy, float* wt, float* y, float* dz, DenseBackwardLayout layout, float scale)
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
