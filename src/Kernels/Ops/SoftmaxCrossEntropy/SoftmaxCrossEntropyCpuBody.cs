using System.Runtime.CompilerServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="SoftmaxCrossEntropySimd"/>, over raw pointers: CPU-only .NET code,
/// scalar (a batch is rows x 10 logits: too narrow for vectors to pay), statement for statement
/// <see cref="SoftmaxCrossEntropy"/>'s kernel, so the same bits. It exists so that the fused CPU
/// training step can run the loss between two barriers without a launch of its own.
/// </summary>
internal static unsafe class SoftmaxCrossEntropyCpuBody
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ThreadShare share, float* logits, int* labels, float* losses, float* correct, float* dlogits, int rows, int classes)
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
