using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// <see cref="DenseForward"/>'s portable variant. The vector path gives each thread a contiguous
/// run of 4 x 8 output blocks and keeps a block's 32 sums in eight Float4 registers; per step of k
/// four it reads one Float4 of each A row and two Float4 of W per k: 128 multiply-adds for 12 view
/// accesses (a 4 x 4 scalar block makes 16 for 8), because on
/// the CPU accelerator each access, not each flop, is what costs. A last block that runs past M
/// repeats row M - 1 and stores only the rows that exist, so there is no separate edge code.
/// The scalar path (N not a multiple of 8, as for the 10 logits, or unaligned views) computes one
/// output per work item; which path runs depends on the shapes and alignment of each launch
/// (<see cref="DenseLayout.Vector"/>), not on the device.
/// Who launches the Float4 path: the CPU accelerator when the portable variant is forced
/// (HANDWRITING_CPU_KERNELS=portable, the tests that compare variants), and a GPU whose groups
/// cannot hold a tile; it keeps the portable seed run about as fast as the tiles would be on a CPU.
/// </summary>
public static class DenseForwardKernel
{
    public const int BlockRows = 4;
    public const int BlockColumns = 8;

    /// <summary>Compiles the kernel and returns its launch: one thread per share of <see cref="WorkItems"/>.</summary>
    internal static DenseForwardLaunch Load(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, DenseLayout, int>(Kernel);
        return (a, rows, w, bias, y, layout) =>
        {
            var split = ops.Launching(WorkItems(layout));
            kernel(split.Threads, a, rows, w, bias, y, layout, split.ItemsPerThread);
        };
    }

    public static long WorkItems(DenseLayout layout) =>
        layout.Vector != 0 ? (long)((layout.M + BlockRows - 1) / BlockRows) * (layout.N / BlockColumns) : (long)layout.M * layout.N;

    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> a,
        ArrayView<int> rows,
        ArrayView<float> w,
        ArrayView<float> bias,
        ArrayView<float> y,
        DenseLayout layout,
        int itemsPerThread)
    {
        long items = WorkItems(layout);
        long first = (long)(int)thread * itemsPerThread;
        long last = Math.Min(first + itemsPerThread, items);
        for (long item = first; item < last; item++)
        {
            if (layout.Vector != 0)
            {
                Block(a.Cast<Float4>(), rows, w.Cast<Float4>(), bias, y.Cast<Float4>(), layout, (int)item);
            }
            else
            {
                Single(a, rows, w, bias, y, layout, (int)(item / layout.N), (int)(item % layout.N));
            }
        }
    }

    private static void Block(
        ArrayView<Float4> a4, ArrayView<int> rows, ArrayView<Float4> w4, ArrayView<float> bias, ArrayView<Float4> y4, DenseLayout layout, int block)
    {
        int columnBlocks = layout.N / BlockColumns;
        int i0 = block / columnBlocks * BlockRows;
        int j0 = block % columnBlocks * BlockColumns;
        long a0 = SourceRow(rows, layout, i0) * layout.K;
        long a1 = SourceRow(rows, layout, Math.Min(i0 + 1, layout.M - 1)) * layout.K;
        long a2 = SourceRow(rows, layout, Math.Min(i0 + 2, layout.M - 1)) * layout.K;
        long a3 = SourceRow(rows, layout, Math.Min(i0 + 3, layout.M - 1)) * layout.K;
        int n4 = layout.N / 4;
        long b = j0 / 4;

        Float4 c0l = default, c0h = default, c1l = default, c1h = default;
        Float4 c2l = default, c2h = default, c3l = default, c3h = default;
        for (int k = 0; k < layout.K; k += 4)
        {
            // Four steps of k at once: each row of A gives one Float4, so the block reads
            // 4 + 8 Float4 for 128 multiply-adds.
            Float4 x0 = a4[(a0 + k) / 4], x1 = a4[(a1 + k) / 4], x2 = a4[(a2 + k) / 4], x3 = a4[(a3 + k) / 4];
            Float4 lo = w4[b], hi = w4[b + 1];
            c0l = c0l.AddScaled(x0.X, lo); c0h = c0h.AddScaled(x0.X, hi);
            c1l = c1l.AddScaled(x1.X, lo); c1h = c1h.AddScaled(x1.X, hi);
            c2l = c2l.AddScaled(x2.X, lo); c2h = c2h.AddScaled(x2.X, hi);
            c3l = c3l.AddScaled(x3.X, lo); c3h = c3h.AddScaled(x3.X, hi);
            b += n4;
            lo = w4[b]; hi = w4[b + 1];
            c0l = c0l.AddScaled(x0.Y, lo); c0h = c0h.AddScaled(x0.Y, hi);
            c1l = c1l.AddScaled(x1.Y, lo); c1h = c1h.AddScaled(x1.Y, hi);
            c2l = c2l.AddScaled(x2.Y, lo); c2h = c2h.AddScaled(x2.Y, hi);
            c3l = c3l.AddScaled(x3.Y, lo); c3h = c3h.AddScaled(x3.Y, hi);
            b += n4;
            lo = w4[b]; hi = w4[b + 1];
            c0l = c0l.AddScaled(x0.Z, lo); c0h = c0h.AddScaled(x0.Z, hi);
            c1l = c1l.AddScaled(x1.Z, lo); c1h = c1h.AddScaled(x1.Z, hi);
            c2l = c2l.AddScaled(x2.Z, lo); c2h = c2h.AddScaled(x2.Z, hi);
            c3l = c3l.AddScaled(x3.Z, lo); c3h = c3h.AddScaled(x3.Z, hi);
            b += n4;
            lo = w4[b]; hi = w4[b + 1];
            c0l = c0l.AddScaled(x0.W, lo); c0h = c0h.AddScaled(x0.W, hi);
            c1l = c1l.AddScaled(x1.W, lo); c1h = c1h.AddScaled(x1.W, hi);
            c2l = c2l.AddScaled(x2.W, lo); c2h = c2h.AddScaled(x2.W, hi);
            c3l = c3l.AddScaled(x3.W, lo); c3h = c3h.AddScaled(x3.W, hi);
            b += n4;
        }

        Store(bias, y4, layout, i0, j0, c0l, c0h);
        Store(bias, y4, layout, i0 + 1, j0, c1l, c1h);
        Store(bias, y4, layout, i0 + 2, j0, c2l, c2h);
        Store(bias, y4, layout, i0 + 3, j0, c3l, c3h);
    }

    private static void Single(
        ArrayView<float> a, ArrayView<int> rows, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y, DenseLayout layout, int i, int j)
    {
        long ai = SourceRow(rows, layout, i) * layout.K;
        long bj = j;
        float sum = 0f;
        for (int k = 0; k < layout.K; k++)
        {
            sum += a[ai + k] * w[bj];
            bj += layout.N;
        }

        long index = (long)i * layout.N + j;
        y[index] = Epilogue(layout, bias, j, index, sum);
    }

    /// <summary>Stores one row of a block, columns j0 .. j0 + 7; rows past M were computed only to keep the loop uniform.</summary>
    private static void Store(ArrayView<float> bias, ArrayView<Float4> y4, DenseLayout layout, int i, int j0, Float4 lo, Float4 hi)
    {
        if (i >= layout.M)
        {
            return;
        }

        long index = (long)i * layout.N + j0;
        y4[index / 4] = Epilogue(layout, bias, j0, index, lo);
        y4[(index / 4) + 1] = Epilogue(layout, bias, j0 + 4, index + 4, hi);
    }

    private static Float4 Epilogue(DenseLayout layout, ArrayView<float> bias, int j, long index, Float4 sums) =>
        new(
            Epilogue(layout, bias, j, index, sums.X),
            Epilogue(layout, bias, j + 1, index + 1, sums.Y),
            Epilogue(layout, bias, j + 2, index + 2, sums.Z),
            Epilogue(layout, bias, j + 3, index + 3, sums.W));

    /// <summary>Bias, activation, then dropout with the mask of <see cref="DropoutMask"/> at flat output index <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Epilogue(DenseLayout layout, ArrayView<float> bias, int j, long index, float sum) =>
        Epilogue(layout, layout.HasBias != 0 ? bias[j] : 0f, index, sum);

    /// <summary>As above with the bias value read by the caller: the CPU-only SIMD body shares it, so both compute the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Epilogue(DenseLayout layout, float bias, long index, float sum)
    {
        float value = layout.HasBias != 0 ? sum + bias : sum;
        if (layout.Activation == Activation.Relu && value < 0f)
        {
            value = 0f;
        }

        if (layout.Dropout.Rate > 0f)
        {
            var d = layout.Dropout;
            value = DropoutMask.Keep(d.Seed, d.Step, (uint)index, d.Rate) ? value * (1f / (1f - d.Rate)) : 0f;
        }

        return value;
    }

    internal static long SourceRow(ArrayView<int> rows, DenseLayout layout, int i) =>
        layout.HasRowIndices != 0 ? rows[i] : i;
}
