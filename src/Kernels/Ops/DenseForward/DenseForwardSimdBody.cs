using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="DenseForwardSimd"/>, over raw pointers: CPU-only .NET code.
/// The work is blocks of 4 rows by 2 vectors of columns (<see cref="RowBlockProduct"/>), shared
/// among the threads. Each output's sum runs over k from 0 with a multiply and an add per step,
/// as <see cref="DenseForwardKernel"/>'s does, and the epilogue (bias, activation, dropout) is that
/// kernel's own scalar function: so this body writes the portable kernel's bits at every width.
/// </summary>
internal static unsafe class DenseForwardSimdBody
{
    private const int BlockRows = RowBlockProduct.Rows;

    public static void Run(ThreadShare share, float* a, int* rows, float* w, float* bias, float* y, DenseLayout layout, SimdWidth width)
    {
        switch (width)
        {
            case SimdWidth.Bits512:
                Run<Lanes512, Vector512<float>>(share, a, rows, w, bias, y, layout);
                break;
            case SimdWidth.Bits256:
                Run<Lanes256, Vector256<float>>(share, a, rows, w, bias, y, layout);
                break;
            default:
                Run<Lanes128, Vector128<float>>(share, a, rows, w, bias, y, layout);
                break;
        }
    }

    private static void Run<TL, TV>(ThreadShare share, float* a, int* rows, float* w, float* bias, float* y, DenseLayout layout)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        int chunk = 2 * TL.Count;
        int chunks = (layout.N + chunk - 1) / chunk;
        long rowBlocks = (layout.M + BlockRows - 1) / BlockRows;
        var (first, end) = share.Of(rowBlocks * chunks);
        var block = stackalloc float*[BlockRows];
        for (long item = first; item < end; item++)
        {
            int i0 = (int)(item / chunks) * BlockRows;
            int j0 = (int)(item % chunks) * chunk;
            int jEnd = Math.Min(j0 + chunk, layout.N);
            int count = Math.Min(BlockRows, layout.M - i0);
            for (int r = 0; r < BlockRows; r++)
            {
                // Rows past M repeat the last row, so the loops need no edge code; they are not stored.
                int i = Math.Min(i0 + r, layout.M - 1);
                block[r] = a + ((long)(rows == null ? i : rows[i]) * layout.K);
            }

            RowBlockProduct.Columns<TL, TV>(block, w, y + ((long)i0 * layout.N), layout.K, layout.N, count, j0, jEnd);
            for (int r = 0; r < count; r++)
            {
                long row = (long)(i0 + r) * layout.N;
                for (int jj = j0; jj < jEnd; jj++)
                {
                    y[row + jj] = DenseForwardKernel.Epilogue(layout, bias == null ? 0f : bias[jj], row + jj, y[row + jj]);
                }
            }
        }
    }
}
