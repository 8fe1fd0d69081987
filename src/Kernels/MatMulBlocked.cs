using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// The matmul kernel behind <see cref="MatMul"/>, <see cref="MatMulTransposeA"/> and
/// <see cref="MatMulTransposeB"/>: C (M x N) = epilogue(A . B), see <see cref="MatMulLayout"/>.
/// Each thread owns a contiguous run of 4x4 output blocks and keeps each block's sixteen sums in
/// registers, loading four values of A and four of B per step of k: 16 multiply-adds for 8 loads,
/// where one output per thread would make 1 for 2. Blocks on the right or bottom edge that are
/// not whole fall back to one output at a time.
/// </summary>
public static class MatMulBlocked
{
    public const int BlockSize = 4;

    public static int BlockCount(int m, int n) =>
        ((m + BlockSize - 1) / BlockSize) * ((n + BlockSize - 1) / BlockSize);

    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> a,
        ArrayView<float> b,
        ArrayView<float> bias,
        ArrayView<float> c,
        MatMulLayout layout,
        int blocksPerThread)
    {
        int blockColumns = (layout.N + BlockSize - 1) / BlockSize;
        int blocks = BlockCount(layout.M, layout.N);
        int first = thread * blocksPerThread;
        int last = Math.Min(first + blocksPerThread, blocks);
        for (int block = first; block < last; block++)
        {
            int i0 = block / blockColumns * BlockSize;
            int j0 = block % blockColumns * BlockSize;
            if (i0 + BlockSize <= layout.M && j0 + BlockSize <= layout.N)
            {
                WholeBlock(a, b, bias, c, layout, i0, j0);
            }
            else
            {
                EdgeBlock(a, b, bias, c, layout, i0, j0);
            }
        }
    }

    private static void WholeBlock(
        ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c, MatMulLayout layout, int i0, int j0)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;

        long a0 = (long)i0 * layout.ARowStride;
        long a1 = a0 + layout.ARowStride;
        long a2 = a1 + layout.ARowStride;
        long a3 = a2 + layout.ARowStride;
        long b0 = (long)j0 * layout.BColumnStride;
        long b1 = b0 + layout.BColumnStride;
        long b2 = b1 + layout.BColumnStride;
        long b3 = b2 + layout.BColumnStride;

        for (int k = 0; k < layout.K; k++)
        {
            float x0 = a[a0], x1 = a[a1], x2 = a[a2], x3 = a[a3];
            float y0 = b[b0], y1 = b[b1], y2 = b[b2], y3 = b[b3];
            c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
            c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
            c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
            c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
            a0 += layout.AInnerStride; a1 += layout.AInnerStride; a2 += layout.AInnerStride; a3 += layout.AInnerStride;
            b0 += layout.BInnerStride; b1 += layout.BInnerStride; b2 += layout.BInnerStride; b3 += layout.BInnerStride;
        }

        Store(bias, c, layout, i0, j0, c00, c01, c02, c03);
        Store(bias, c, layout, i0 + 1, j0, c10, c11, c12, c13);
        Store(bias, c, layout, i0 + 2, j0, c20, c21, c22, c23);
        Store(bias, c, layout, i0 + 3, j0, c30, c31, c32, c33);
    }

    private static void EdgeBlock(
        ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c, MatMulLayout layout, int i0, int j0)
    {
        int iEnd = Math.Min(i0 + BlockSize, layout.M);
        int jEnd = Math.Min(j0 + BlockSize, layout.N);
        for (int i = i0; i < iEnd; i++)
        {
            for (int j = j0; j < jEnd; j++)
            {
                float sum = 0;
                long ai = (long)i * layout.ARowStride;
                long bj = (long)j * layout.BColumnStride;
                for (int k = 0; k < layout.K; k++)
                {
                    sum += a[ai] * b[bj];
                    ai += layout.AInnerStride;
                    bj += layout.BInnerStride;
                }

                c[(long)i * layout.N + j] = Epilogue(bias, layout, j, sum);
            }
        }
    }

    private static void Store(
        ArrayView<float> bias, ArrayView<float> c, MatMulLayout layout, int i, int j0, float s0, float s1, float s2, float s3)
    {
        long row = (long)i * layout.N + j0;
        c[row] = Epilogue(bias, layout, j0, s0);
        c[row + 1] = Epilogue(bias, layout, j0 + 1, s1);
        c[row + 2] = Epilogue(bias, layout, j0 + 2, s2);
        c[row + 3] = Epilogue(bias, layout, j0 + 3, s3);
    }

    private static float Epilogue(ArrayView<float> bias, MatMulLayout layout, int j, float sum)
    {
        float value = layout.HasBias != 0 ? sum + bias[j] : sum;
        return layout.Activation == Activation.Relu && value < 0f ? 0f : value;
    }
}
