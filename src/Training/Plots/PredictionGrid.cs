using Handwriting.Training.Data;
using ScottPlot;

namespace Handwriting.Training.Plots;

/// <summary>
/// Digits in a grid, each captioned with the model's prediction and, where known, the true label;
/// wrong predictions are captioned and framed in red. Ink is drawn black on white.
/// </summary>
public static class PredictionGrid
{
    private const int Side = Mnist.Side;

    /// <summary>Plot units per cell: the 28-unit digit, a gap beside it, and room for the caption below.</summary>
    private const double CellWidth = Side + 6;

    private const double CellHeight = Side + 12;

    /// <summary>Pixels per plot unit: a 28x28 digit becomes 112 x 112 pixels.</summary>
    private const int Scale = 4;

    /// <summary>Pixels above the grid for the title.</summary>
    private const int TitleHeight = 50;

    private const float TitleSize = 20;

    /// <summary>Pixels kept clear on each side of the title.</summary>
    private const int TitleMargin = 12;

    private static readonly Color Wrong = Colors.Red;

    private static readonly Color Right = Colors.Black;

    public static void Save(string path, IReadOnlyList<(float[] Pixels784, int? Predicted, int? Actual)> digits, string title)
    {
        using Plot plot = Build(digits, title, out int width, out int height);
        PngFile.Save(plot, path, width, height);
    }

    /// <summary>Digits with captions of the caller's, none marked: for images that have no prediction, such as augmented training images.</summary>
    public static void SaveCaptioned(string path, IReadOnlyList<(float[] Pixels784, string Caption)> digits, string title)
    {
        ArgumentNullException.ThrowIfNull(digits);
        using Plot plot = BuildCaptioned(digits.Select(d => (d.Pixels784, d.Caption, false)).ToList(), title, out int width, out int height);
        PngFile.Save(plot, path, width, height);
    }

    internal static Plot Build(IReadOnlyList<(float[] Pixels784, int? Predicted, int? Actual)> digits, string title, out int width, out int height)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var cells = digits
            .Select(d => (d.Pixels784, Caption(d.Predicted, d.Actual), d.Actual is int truth && truth != d.Predicted))
            .ToList();
        return BuildCaptioned(cells, title, out width, out height);
    }

    /// <summary>"pred 7 / true 7", "pred 7", or "no ink" for an input without ink (no prediction).</summary>
    private static string Caption(int? predicted, int? actual)
    {
        string prediction = predicted is int digit ? $"pred {digit}" : "no ink";
        return actual is int known ? $"{prediction} / true {known}" : prediction;
    }

    internal static Plot BuildCaptioned(IReadOnlyList<(float[] Pixels784, string Caption, bool Wrong)> digits, string title, out int width, out int height)
    {
        if (digits.Count == 0)
        {
            throw new ArgumentException("there are no digits to show", nameof(digits));
        }

        for (int i = 0; i < digits.Count; i++)
        {
            if (digits[i].Pixels784 is not { Length: Side * Side })
            {
                throw new ArgumentException($"digit {i} has {digits[i].Pixels784?.Length ?? 0} pixels, not {Side * Side}", nameof(digits));
            }
        }

        int columns = (int)Math.Ceiling(Math.Sqrt(digits.Count));
        int rows = (digits.Count + columns - 1) / columns;

        EmbeddedFont.Use();
        var plot = new Plot();
        for (int i = 0; i < digits.Count; i++)
        {
            (float[] pixels, string caption, bool wrong) = digits[i];
            double left = (i % columns) * CellWidth;
            double top = -(i / columns) * CellHeight;
            AddDigit(plot, pixels, left, top, wrong);
            AddCaption(plot, caption, left, top, wrong);
        }

        // The image is sized at Scale pixels per plot unit on both axes, so every digit stays square.
        // It is at least as wide as the title: a grid of one to four digits is narrower than most
        // titles, which would be clipped at both sides. The grid is then centred.
        double gridUnits = columns * CellWidth;
        double units = Math.Max(gridUnits, (TitleWidth(title) + (2 * TitleMargin)) / Scale);
        double extra = (units - gridUnits) / 2;
        plot.HideAxesAndGrid();
        plot.Axes.SetLimits(left: -3 - extra, right: gridUnits - 3 + extra, bottom: 4 - (rows * CellHeight), top: 4);
        plot.Title(title, size: TitleSize);
        plot.Layout.Fixed(new PixelPadding(0, 0, 0, TitleHeight));
        width = (int)Math.Ceiling(units * Scale);
        height = (int)((rows * CellHeight * Scale) + TitleHeight);
        return plot;
    }

    /// <summary>The title's width in pixels, measured with the font it is drawn in (bold, as ScottPlot draws titles).</summary>
    internal static float TitleWidth(string title)
    {
        using var font = new SkiaSharp.SKFont(EmbeddedFont.Bold, TitleSize);
        return font.MeasureText(title);
    }

    private static void AddDigit(Plot plot, float[] pixels, double left, double top, bool wrong)
    {
        double[,] intensities = new double[Side, Side];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                intensities[y, x] = pixels[(y * Side) + x];
            }
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Rectangle = new CoordinateRect(left, left + Side, top - Side, top);

        var frame = plot.Add.Rectangle(left, left + Side, top - Side, top);
        frame.FillStyle.Color = Colors.Transparent;
        frame.LineStyle.Color = wrong ? Wrong : Colors.LightGray;
        frame.LineStyle.Width = wrong ? 3 : 1;
    }

    private static void AddCaption(Plot plot, string caption, double left, double top, bool wrong)
    {
        var text = plot.Add.Text(caption, left + (Side / 2.0), top - Side - 1.5);
        text.Alignment = Alignment.UpperCenter;
        text.LabelFontSize = 15;
        text.LabelBold = wrong;
        text.LabelFontColor = wrong ? Wrong : Right;
    }
}
