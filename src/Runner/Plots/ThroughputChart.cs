using ScottPlot;

namespace Handwriting.Runner.Plots;

/// <summary>bench.png: training images per second of each trainer, one bar per (trainer, batch size).</summary>
public static class ThroughputChart
{
    public static void Save(string path, IReadOnlyList<(string Label, double ImagesPerSecond)> bars, string title)
    {
        EmbeddedFont.Use();
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = plot.Add.Bar(position: i, value: bars[i].ImagesPerSecond);
            bar.Color = palette.GetColor(i);
            bar.Bars[0].Label = bars[i].ImagesPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            bar.ValueLabelStyle.FontSize = 13;
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(title, size: 17);
        plot.YLabel("Training images per second", size: 14);
        PngFile.Save(plot, path, Math.Max(700, 150 * bars.Count), 520);
    }
}
