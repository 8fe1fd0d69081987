namespace Handwriting.Kernels.Reference;

/// <summary>
/// Softmax with sparse categorical cross-entropy in float64, row by row:
/// losses[r] = -log(softmax(logits[r])[labels[r]]), correct[r] = 1 when the first largest logit
/// is the label's (else 0), and dlogits[r, j] = (softmax(logits[r])[j] - onehot(labels[r])[j]) / Rows,
/// the gradient of the mean loss over the rows.
/// logits and dlogits are (Rows, Classes); labels, losses and correct are (Rows).
/// The reference for <see cref="SoftmaxCrossEntropy"/>.
/// </summary>
public static class SoftmaxCrossEntropyReference
{
    public static void Run(
        double[] logits,
        int[] labels,
        double[] losses,
        double[] correct,
        double[] dlogits,
        int rows,
        int classes)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(classes, nameof(classes));
        Require.Length(logits, (long)rows * classes, nameof(logits), $"({rows}, {classes})");
        Require.Length(labels, rows, nameof(labels), $"({rows})");
        Require.Length(losses, rows, nameof(losses), $"({rows})");
        Require.Length(correct, rows, nameof(correct), $"({rows})");
        Require.Length(dlogits, (long)rows * classes, nameof(dlogits), $"({rows}, {classes})");
        Require.Indices(labels, classes, nameof(labels));

        var probabilities = new double[classes];
        for (int r = 0; r < rows; r++)
        {
            int row = r * classes;

            // Subtracting the row's maximum changes nothing mathematically and keeps exp() finite.
            double max = logits[row];
            int argmax = 0;
            for (int j = 1; j < classes; j++)
            {
                if (logits[row + j] > max)
                {
                    max = logits[row + j];
                    argmax = j;
                }
            }

            double sum = 0.0;
            for (int j = 0; j < classes; j++)
            {
                probabilities[j] = Math.Exp(logits[row + j] - max);
                sum += probabilities[j];
            }

            for (int j = 0; j < classes; j++)
            {
                probabilities[j] /= sum;
            }

            int label = labels[r];

            // -log(p[label]) written as logsumexp - logit, which stays accurate when p[label] is tiny.
            losses[r] = Math.Log(sum) + max - logits[row + label];
            correct[r] = argmax == label ? 1.0 : 0.0;
            for (int j = 0; j < classes; j++)
            {
                dlogits[row + j] = (probabilities[j] - (j == label ? 1.0 : 0.0)) / rows;
            }
        }
    }
}
