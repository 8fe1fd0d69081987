using System.Globalization;
using ScottPlot;

namespace Handwriting.Training.Plots;

/// <summary>
/// A confusion matrix as a heatmap: true digits down the side (0 at the top), predicted digits
/// along the bottom, and each cell's count written in it.
/// </summary>
public static class ConfusionMatrixPlot
{
    public const int Width = 760;

    public const int Height = 720;

    /// <summary>Saves counts[true, predicted] for k classes (10 for digits) as a PNG.</summary>
    public static void Save(string path, int[,] counts, string title = "Confusion matrix")
    {
        using Plot plot = Build(counts, title);
        PngFile.Save(plot, path, Width, Height);
    }

    internal static Plot Build(int[,] counts, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int classes = counts.GetLength(0);
        if (classes == 0 || counts.GetLength(1) != classes)
        {
            throw new ArgumentException($"counts must be square with at least one class, not {classes} x {counts.GetLength(1)}", nameof(counts));
        }

        int largest = 0;
        foreach (int count in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(counts));
            largest = Math.Max(largest, count);
        }

        EmbeddedFont.Use();
        var plot = new Plot();

        // Colour follows log(1 + count): the diagonal holds about a thousand per digit and the
        // mistakes a handful, which on a linear scale would all look empty.
        double[,] shade = new double[classes, classes];
        for (int t = 0; t < classes; t++)
        {
            for (int p = 0; p < classes; p++)
            {
                shade[t, p] = Math.Log(1 + counts[t, p]);
            }
        }

        double darkest = Math.Max(Math.Log(1 + largest), 1e-9);
        var heatmap = plot.Add.Heatmap(shade);
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
        heatmap.ManualRange = new ScottPlot.Range(0, darkest);
        heatmap.Rectangle = new CoordinateRect(0, classes, 0, classes);

        for (int t = 0; t < classes; t++)
        {
            for (int p = 0; p < classes; p++)
            {
                var text = plot.Add.Text(counts[t, p].ToString(CultureInfo.InvariantCulture), p + 0.5, classes - t - 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = classes <= 10 ? 14 : 9;
                text.LabelFontColor = shade[t, p] > 0.6 * darkest ? Colors.White : Colors.Black;
            }
        }

        double[] centres = Enumerable.Range(0, classes).Select(i => i + 0.5).ToArray();
        string[] labels = Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.SetTicks(centres, labels);
        plot.Axes.Left.SetTicks(centres.Reverse().ToArray(), labels);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.SetLimits(0, classes, 0, classes);
        plot.HideGrid();
        plot.Title(title, size: 18);
        plot.XLabel("Predicted", size: 15);
        plot.YLabel("True", size: 15);
        return plot;
    }
}
