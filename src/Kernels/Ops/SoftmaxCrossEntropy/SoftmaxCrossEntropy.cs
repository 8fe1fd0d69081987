using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Softmax with sparse categorical cross-entropy, fused into one pass per row:
/// loss[r] = logsumexp(logits[r]) - logits[r, label[r]], correct[r] = 1 when the first argmax
/// equals the label (else 0), and dlogits[r, j] = (softmax(logits[r])[j] - onehot(label[r])[j]) / Rows,
/// the gradient of the batch's mean loss. Subtracting the row maximum keeps exp() finite.
/// logits and dlogits are (Rows, Classes), labels, losses and correct are (Rows).
/// In the seed model Rows = B and Classes = O (10). Labels must lie in [0, Classes); the
/// data pipeline guarantees it, and a kernel cannot throw.
/// Variants (<see cref="VariantRule"/>; the same bits): the portable <see cref="Kernel"/> below, and on
/// the CPU accelerator <see cref="SoftmaxCrossEntropySimd"/>.
/// </summary>
public sealed class SoftmaxCrossEntropy : IDeviceOp<SoftmaxCrossEntropy>
{
    private readonly SoftmaxCrossEntropyLaunch _launch;

    private SoftmaxCrossEntropy(DeviceOps ops, KernelVariant variant)
    {
        Variant = variant;
        _launch = variant == KernelVariant.Portable ? LoadPortable(ops) : SoftmaxCrossEntropySimd.Load(ops, variant.Width());
    }

    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Portable, KernelVariant.Simd128, KernelVariant.Simd256, KernelVariant.Simd512];

    public KernelVariant Variant { get; }

    static SoftmaxCrossEntropy IDeviceOp<SoftmaxCrossEntropy>.Load(DeviceOps ops, KernelVariant variant) => new(ops, variant);

    public void Run(
        ArrayView<float> logits,
        ArrayView<int> labels,
        ArrayView<float> losses,
        ArrayView<float> correct,
        ArrayView<float> dlogits,
        int rows,
        int classes)
    {
        Check(logits, labels, losses, correct, dlogits, rows, classes);
        _launch(logits, labels, losses, correct, dlogits, rows, classes);
    }

    /// <summary>Checks every argument of <see cref="Run"/>.</summary>
    internal static void Check(ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(classes, nameof(classes));
        Require.Length(logits, (long)rows * classes, nameof(logits), $"({rows}, {classes})");
        Require.Length(labels, rows, nameof(labels), $"({rows})");
        Require.Length(losses, rows, nameof(losses), $"({rows})");
        Require.Length(correct, rows, nameof(correct), $"({rows})");
        Require.Length(dlogits, (long)rows * classes, nameof(dlogits), $"({rows}, {classes})");
    }

    private static SoftmaxCrossEntropyLaunch LoadPortable(DeviceOps ops)
    {
        var kernel = ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(Kernel);
        return (logits, labels, losses, correct, dlogits, rows, classes) =>
        {
            var split = ops.Launching(rows);
            kernel(split.Threads, logits, labels, losses, correct, dlogits, rows, classes, split.ItemsPerThread);
        };
    }

    [Kernel]
    public static void Kernel(
        Index1D thread,
        ArrayView<float> logits,
        ArrayView<int> labels,
        ArrayView<float> losses,
        ArrayView<float> correct,
        ArrayView<float> dlogits,
        int rows,
        int classes,
        int rowsPerThread)
    {
        int first = thread * rowsPerThread;
        int last = Math.Min(first + rowsPerThread, rows);
        for (int r = first; r < last; r++)
        {
            long row = (long)r * classes;
            float max = logits[row];
            int argmax = 0;
            for (int j = 1; j < classes; j++)
            {
                if (logits[row + j] > max)
                {
                    max = logits[row + j];
                    argmax = j;
                }
            }

            float sum = 0f;
            for (int j = 0; j < classes; j++)
            {
                sum += MathF.Exp(logits[row + j] - max);
            }

            int label = labels[r];
            losses[r] = MathF.Log(sum) + max - logits[row + label];
            correct[r] = argmax == label ? 1f : 0f;

            float scale = 1f / rows;
            for (int j = 0; j < classes; j++)
            {
                float probability = MathF.Exp(logits[row + j] - max) / sum;
                dlogits[row + j] = (probability - (j == label ? 1f : 0f)) * scale;
            }
        }
    }
}

/// <summary>One launch of a <see cref="SoftmaxCrossEntropy"/> variant on checked arguments.</summary>
internal delegate void SoftmaxCrossEntropyLaunch(ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes);
