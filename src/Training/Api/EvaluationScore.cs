using System.Globalization;
using Handwriting.Training;
using Handwriting.Training.Plots;

namespace Handwriting.Api;

/// <summary>What <see cref="Sequential.Evaluate"/> returns: Keras's [loss, accuracy], and what lies behind them.</summary>
public sealed class EvaluationScore
{
    private readonly EvaluationResult _result;

    internal EvaluationScore(EvaluationResult result)
    {
        _result = result;
    }

    /// <summary>The mean cross-entropy loss over the images.</summary>
    public double Loss => _result.Summary.Loss;

    /// <summary>The fraction of images whose likeliest digit is their label.</summary>
    public double Accuracy => _result.Summary.Accuracy;

    /// <summary>How many images were scored.</summary>
    public int Count => _result.Labels.Length;

    /// <summary>The likeliest digit of each image, in order.</summary>
    public IReadOnlyList<int> Predictions => _result.Predictions;

    /// <summary>What the model says of image <paramref name="index"/>.</summary>
    /// <param name="index">Which image, from 0.</param>
    /// <returns>Its probabilities.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an image that was scored.</exception>
    public DigitProbabilities Probabilities(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return new DigitProbabilities(_result.ProbabilitiesOf(index));
    }

    /// <summary>The accuracy on the images of each label 0..9 (NaN for a label with no image).</summary>
    /// <returns>Ten fractions.</returns>
    public double[] PerClassAccuracy() => _result.PerClassAccuracy();

    /// <summary>Counts of (true label, predicted digit): [label, prediction].</summary>
    /// <returns>A 10 x 10 matrix.</returns>
    public int[,] ConfusionMatrix() => _result.ConfusionMatrix();

    /// <summary>The confusion matrix drawn, rows the true labels, columns the predictions.</summary>
    /// <returns>The picture.</returns>
    public PlotImage ConfusionPlot()
    {
        using var plot = ConfusionMatrixPlot.Build(_result.ConfusionMatrix(), "Confusion matrix");
        return PlotImage.Render(plot, ConfusionMatrixPlot.Width, ConfusionMatrixPlot.Height);
    }

    /// <summary>The line `handwriting train` prints: "test_loss: 0.0750 - test_accuracy: 0.9760".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"test_loss: {Loss:F4} - test_accuracy: {Accuracy:F4}");

    internal IReadOnlyList<DigitProbabilities> AllProbabilities() =>
        Enumerable.Range(0, Count).Select(i => new DigitProbabilities(_result.ProbabilitiesOf(i))).ToArray();
}
