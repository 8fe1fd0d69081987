using Handwriting.Training.IO;
using Handwriting.Training.Plots;
using ScottPlot;

namespace Handwriting.Runner.Plots;

/// <summary>
/// bench.png: two panels side by side, one bar per (trainer, device, batch size) in each: the
/// training loop's images per second (higher is better) and the whole process's seconds (lower
/// is better), the two things issue 14's targets compare with PyTorch.
/// </summary>
public static class ThroughputChart
{
    /// <summary>One bar: its label under the axis, its height, the text on it (the value, and a ratio where one applies) and its colour group (our trainer, PyTorch, the reference).</summary>
    public sealed record Bar(string Label, double Value, string Text, int Group);

    public static void Save(string path, IReadOnlyList<Bar> training, IReadOnlyList<Bar> wall)
    {
        EmbeddedFont.Use();
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(2); // a new Multiplot already holds one plot: this makes it two, not three
        using var left = multiplot.GetPlot(0);
        using var right = multiplot.GetPlot(1);
        Fill(left, training, "Training loop: images/s (higher is better)", "Training images per second");
        Fill(right, wall, "Whole process: seconds (lower is better)", "Seconds, start to exit");
        int width = Math.Max(1400, 2 * 120 * Math.Max(training.Count, wall.Count));
        byte[] png = multiplot.Render(width, 700).GetImageBytes(ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static void Fill(Plot plot, IReadOnlyList<Bar> bars, string title, string axis)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = plot.Add.Bar(position: i, value: bars[i].Value);
            bar.Color = palette.GetColor(bars[i].Group);
            bar.Bars[0].Label = bars[i].Text;
            bar.ValueLabelStyle.FontSize = 12;
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.Title(title, size: 15);
        plot.YLabel(axis, size: 13);
    }
}
