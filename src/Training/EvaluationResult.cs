namespace Handwriting.Training;

/// <summary>What evaluating a network on labelled images gives: the summary and every image's probabilities.</summary>
public sealed class EvaluationResult
{
    public EvaluationResult(LossAndAccuracy summary, float[] probabilities, int classes, int[] labels)
    {
        Summary = summary;
        Probabilities = probabilities;
        Classes = classes;
        Labels = labels;
        Predictions = Enumerable.Range(0, labels.Length).Select(i => Softmax.ArgMax(ProbabilitiesOf(i))).ToArray();
    }

    public LossAndAccuracy Summary { get; }

    /// <summary>(Count, Classes) row-major.</summary>
    public float[] Probabilities { get; }

    public int Classes { get; }

    public int[] Labels { get; }

    public int[] Predictions { get; }

    public ReadOnlySpan<float> ProbabilitiesOf(int image) => Probabilities.AsSpan(image * Classes, Classes);

    /// <summary>counts[true, predicted].</summary>
    public int[,] ConfusionMatrix()
    {
        var counts = new int[Classes, Classes];
        for (int i = 0; i < Labels.Length; i++)
        {
            counts[Labels[i], Predictions[i]]++;
        }

        return counts;
    }

    /// <summary>For each class, the fraction of its images predicted right (NaN for a class with none).</summary>
    public double[] PerClassAccuracy()
    {
        var confusion = ConfusionMatrix();
        var accuracy = new double[Classes];
        for (int c = 0; c < Classes; c++)
        {
            int total = 0;
            for (int p = 0; p < Classes; p++)
            {
                total += confusion[c, p];
            }

            accuracy[c] = total == 0 ? double.NaN : (double)confusion[c, c] / total;
        }

        return accuracy;
    }
}
