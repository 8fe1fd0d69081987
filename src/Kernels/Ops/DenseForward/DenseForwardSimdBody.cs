using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="DenseForwardSimd"/>, over raw pointers: CPU-only .NET code.
/// The product is <see cref="RowBlockProduct"/>'s; then each thread applies the epilogue to the
/// blocks it computed. Each output's sum runs over k from 0 with a multiply and an add per step,
/// as <see cref="DenseForwardKernel"/>'s does, and the epilogue (bias, activation, dropout) is that
/// kernel's own scalar function: so this body writes the portable kernel's bits at every width.
/// </summary>
internal static unsafe class DenseForwardSimdBody
{
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
        RowBlockProduct.Multiply<TL, TV>(share, a, rows, w, y, layout.M, layout.K, layout.N);
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
                    y[row + j] = DenseForwardKernel.Epilogue(layout, bias == null ? 0f : bias[j], row + j, y[row + j]);
                }
            }
        }
    }
}
