using Handwriting.Training.Plots;
using Handwriting.Training;
using Handwriting.Training.Data;

namespace Handwriting.Runner.Output;

/// <summary>The plots of a training run, each written to pathOf(its file name) (a run folder's staging place): the notebook's accuracy and loss curves, the first 25 test predictions and the confusion matrix.</summary>
public static class RunPlots
{
    public const int GridDigits = 25;

    public static void Write(Func<string, string> pathOf, IReadOnlyList<EpochMetrics> history, ImageSet test, EvaluationResult evaluation)
    {
        var points = history
            .Select(e => new EpochPoint(e.Epoch, e.Loss, e.Accuracy, e.ValidationLoss ?? double.NaN, e.ValidationAccuracy ?? double.NaN))
            .ToList();
        int shown = Math.Min(GridDigits, test.Count);
        var digits = Enumerable.Range(0, shown)
            .Select(i => (test.Image(i), (int?)evaluation.Predictions[i], (int?)test.Labels[i]))
            .ToList();

        // Four independent pictures, drawn side by side: rendering is most of the plots' cost
        // (about half a second one after another on the 2-core build machine; BENCHMARKS.md).
        Parallel.Invoke(
            () => TrainingCurves.SaveAccuracy(points, pathOf("accuracy.png")),
            () => TrainingCurves.SaveLoss(points, pathOf("loss.png")),
            () => PredictionGrid.Save(pathOf("predictions.png"), digits, $"First {shown} test images: predicted (true)"),
            () => ConfusionMatrixPlot.Save(pathOf("confusion.png"), evaluation.ConfusionMatrix(), "Confusion matrix on the test set"));
    }

    /// <summary>augmented.png: the first training images (in file order) under the first step's augmentation draws, captioned with their labels.</summary>
    public static void WriteAugmented(Func<string, string> pathOf, IReadOnlyList<float[]> augmented, ImageSet train)
    {
        var digits = augmented.Select((pixels, i) => (pixels, $"label {train.Labels[i]}")).ToList();
        PredictionGrid.SaveCaptioned(pathOf("augmented.png"), digits, $"Training images 1-{digits.Count} under the first step's draws");
    }
}
