using System.Runtime.CompilerServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="DenseForward"/>'s SIMD variants (<see cref="DenseForwardSimd"/>), over raw
/// pointers, at the width of its <see cref="ILanes{TV}"/> type argument: CPU-only .NET code.
/// The product is <see cref="RowBlockProduct"/>'s; then each thread applies the epilogue to the
/// blocks it computed. Each output's sum runs over k from 0 with a multiply and an add per step,
/// as <see cref="DenseForwardKernel"/>'s does, and the epilogue (bias, activation, dropout) is that
/// kernel's own scalar function: so this body writes the portable kernel's bits at every width.
/// </summary>
internal static unsafe class DenseForwardSimdBody
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TL, TV>(ThreadShare share, float* a, int* rows, float* w, float* bias, float* y, DenseLayout layout)
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
                Epilogue<TL, TV>(y + ((long)i * layout.N), bias, (long)i * layout.N, block.Column, block.ColumnEnd, layout);
            }
        }
    }

    /// <summary>
    /// As <see cref="Run{TL, TV}"/>, with the threads splitting the batch's rows (in blocks of
    /// <see cref="ProductBlocks.Rows"/>) instead of the output's columns: each thread multiplies
    /// its rows by the whole of W. The fused CPU step splits so, because a thread that takes the
    /// columns of W takes half of every 512-byte row of it, and the two cores then fight over
    /// neighbouring cache lines in every op that writes W or its gradient (<see cref="CpuTrainingStepBody"/>).
    /// The bits are <see cref="Run{TL, TV}"/>'s: each output is still one thread's sum in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRows<TL, TV>(ThreadShare share, float* a, int* rows, float* w, float* bias, float* y, DenseLayout layout)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var (first, end) = share.Of(layout.M, ProductBlocks.Rows);
        if (first >= end)
        {
            return;
        }

        int m0 = (int)first, count = (int)(end - first);
        float* mine = rows == null ? a + ((long)m0 * layout.K) : a;
        RowBlockProduct.Multiply<TL, TV>(ThreadShare.Alone, mine, rows == null ? null : rows + m0, w, y + ((long)m0 * layout.N), count, layout.K, layout.N);
        for (int i = m0; i < m0 + count; i++)
        {
            Epilogue<TL, TV>(y + ((long)i * layout.N), bias, (long)i * layout.N, 0, layout.N, layout);
        }
    }

    /// <summary>
    /// Bias, activation and dropout on columns [j0, jEnd) of one output row starting at flat index
    /// rowIndex: whole vectors lane by lane as <see cref="DenseForwardKernel.Epilogue(DenseLayout, float, long, float)"/>
    /// does each float (the same operations in the same order), the rest through that function.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Epilogue<TL, TV>(float* row, float* bias, long rowIndex, int j0, int jEnd, DenseLayout layout)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var d = layout.Dropout;
        bool relu = layout.Activation == Activation.Relu;
        bool hasBias = layout.HasBias != 0;
        uint key = DropoutMask.StepKey(d.Seed, d.Step);
        float scale = 1f / (1f - d.Rate);
        int j = j0;
        for (; j + TL.Count <= jEnd; j += TL.Count)
        {
            TV value = TL.Load(row + j);
            if (hasBias)
            {
                value = TL.Add(value, TL.Load(bias + j));
            }

            if (relu)
            {
                value = TL.Relu(value);
            }

            if (d.Rate > 0f)
            {
                value = TL.Dropout(value, key, unchecked((uint)(rowIndex + j)), d.Rate, scale);
            }

            TL.Store(value, row + j);
        }

        for (; j < jEnd; j++)
        {
            row[j] = DenseForwardKernel.Epilogue(layout, bias == null ? 0f : bias[j], rowIndex + j, row[j]);
        }
    }
}
