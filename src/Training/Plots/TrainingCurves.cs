using ScottPlot;
using ScottPlot.TickGenerators;

namespace Handwriting.Training.Plots;

/// <summary>
/// The two plots the Keras notebook draws after training: accuracy and loss per epoch, for the
/// training data and the held-out validation data.
/// </summary>
public static class TrainingCurves
{
    public const int Width = 800;

    public const int Height = 550;

    public static void SaveAccuracy(IReadOnlyList<EpochPoint> history, string path)
    {
        using Plot plot = BuildAccuracy(history);
        PngFile.Save(plot, path, Width, Height);
    }

    public static void SaveLoss(IReadOnlyList<EpochPoint> history, string path)
    {
        using Plot plot = BuildLoss(history);
        PngFile.Save(plot, path, Width, Height);
    }

    // Accuracy rises and loss falls, so these corners stay clear of the curves.
    internal static Plot BuildAccuracy(IReadOnlyList<EpochPoint> history) =>
        Build(history, "Model accuracy", "Accuracy", p => p.Accuracy, p => p.ValidationAccuracy, Alignment.LowerRight);

    internal static Plot BuildLoss(IReadOnlyList<EpochPoint> history) =>
        Build(history, "Model loss", "Loss", p => p.Loss, p => p.ValidationLoss, Alignment.UpperRight);

    private static Plot Build(
        IReadOnlyList<EpochPoint> history,
        string title,
        string yLabel,
        Func<EpochPoint, double> train,
        Func<EpochPoint, double> validation,
        Alignment legendCorner)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException("there are no epochs to plot", nameof(history));
        }

        EmbeddedFont.Use();
        var plot = new Plot();
        double[] epochs = history.Select(p => (double)p.Epoch).ToArray();
        AddCurve(plot, epochs, history.Select(train).ToArray(), "train");
        double[] held = history.Select(validation).ToArray();
        if (held.Any(double.IsFinite))
        {
            AddCurve(plot, epochs, held, "validation");
        }

        plot.Title(title, size: 18);
        plot.XLabel("Epoch", size: 15);
        plot.YLabel(yLabel, size: 15);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        if (history.Count == 1)
        {
            // One point has no extent: ScottPlot would frame it from -1 to 1 on both axes, an
            // accuracy axis with negative values. Frame the epoch and the values around them.
            double[] values = history.Select(train).Concat(held).Where(double.IsFinite).ToArray();
            double low = values.Length > 0 ? values.Min() : 0;
            double high = values.Length > 0 ? values.Max() : 1;
            double margin = Math.Max(0.05 * Math.Abs(high), 0.01);
            plot.Axes.SetLimitsX(epochs[0] - 0.5, epochs[0] + 0.5);
            plot.Axes.SetLimitsY(Math.Max(0, low - margin), high + margin);
        }
        plot.ShowLegend(legendCorner);
        return plot;
    }

    private static void AddCurve(Plot plot, double[] epochs, double[] values, string name)
    {
        var curve = plot.Add.Scatter(epochs, values);
        curve.LegendText = name;
        curve.LineWidth = 2;
        curve.MarkerSize = 6;
    }
}
