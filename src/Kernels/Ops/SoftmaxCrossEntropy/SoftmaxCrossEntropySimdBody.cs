using System.Runtime.CompilerServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="SoftmaxCrossEntropySimd"/>, over raw pointers: CPU-only .NET code.
/// Generic over the vector width like every SIMD body, so that the op and the fused training step
/// call it as they call the others; but a row of 10 logits is narrower than two vectors, so the
/// arithmetic is scalar at every width, statement for statement <see cref="SoftmaxCrossEntropy"/>'s
/// kernel: the same bits. What it gains over the portable kernel is ILGPU's per-access checks.
/// </summary>
internal static unsafe class SoftmaxCrossEntropySimdBody
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TL, TV>(ThreadShare share, float* logits, int* labels, float* losses, float* correct, float* dlogits, int rows, int classes)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var (first, end) = share.Of(rows);
        for (long r = first; r < end; r++)
        {
            float* row = logits + (r * classes);
            float max = row[0];
            int argmax = 0;
            for (int j = 1; j < classes; j++)
            {
                if (row[j] > max)
                {
                    max = row[j];
                    argmax = j;
                }
            }

            float sum = 0f;
            for (int j = 0; j < classes; j++)
            {
                sum += MathF.Exp(row[j] - max);
            }

            int label = labels[r];
            losses[r] = MathF.Log(sum) + max - row[label];
            correct[r] = argmax == label ? 1f : 0f;

            float scale = 1f / rows;
            float* gradient = dlogits + (r * classes);
            for (int j = 0; j < classes; j++)
            {
                float probability = MathF.Exp(row[j] - max) / sum;
                gradient[j] = (probability - (j == label ? 1f : 0f)) * scale;
            }
        }
    }
}
