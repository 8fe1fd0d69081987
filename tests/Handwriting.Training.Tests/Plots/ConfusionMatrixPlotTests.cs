using Handwriting.Training.Plots;
using ScottPlot;
using SkiaSharp;

namespace Handwriting.Training.Tests.Plots;

public sealed class ConfusionMatrixPlotTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Save_writes_a_png_of_the_documented_size()
    {
        string path = _folder.File("confusion.png");

        ConfusionMatrixPlot.Save(path, Counts());

        using SKBitmap image = SKBitmap.Decode(path);
        Assert.Equal((ConfusionMatrixPlot.Width, ConfusionMatrixPlot.Height), (image.Width, image.Height));
    }

    [Fact]
    public void Every_count_is_written_in_its_cell()
    {
        int[,] counts = Counts();
        using Plot plot = ConfusionMatrixPlot.Build(counts, "Confusion matrix");
        ScottPlot.Plottables.Text[] cells = plot.GetPlottables<ScottPlot.Plottables.Text>().ToArray();
        using SKBitmap shown = Render(plot);
        foreach (ScottPlot.Plottables.Text cell in cells)
        {
            cell.LabelFontColor = Colors.Transparent;
        }

        using SKBitmap hidden = Render(plot);

        Assert.Equal(100, cells.Length);
        for (int t = 0; t < 10; t++)
        {
            for (int p = 0; p < 10; p++)
            {
                PixelRect cell = CellRect(plot, t, p);
                Assert.InRange(Rendering.DifferingPixels(shown, hidden, cell), 15, int.MaxValue);
            }
        }
    }

    [Fact]
    public void The_diagonal_is_dark_and_empty_cells_are_white()
    {
        using Plot plot = ConfusionMatrixPlot.Build(Counts(), "Confusion matrix");
        foreach (ScottPlot.Plottables.Text cell in plot.GetPlottables<ScottPlot.Plottables.Text>())
        {
            cell.IsVisible = false;
        }

        using SKBitmap image = Render(plot);

        SKColor diagonal = ColourAt(image, CellRect(plot, 3, 3));
        SKColor empty = ColourAt(image, CellRect(plot, 3, 4));
        Assert.True(diagonal.Red < 60 && diagonal.Blue > diagonal.Red, $"diagonal cell is {diagonal}");
        Assert.True(empty.Red > 240 && empty.Green > 240 && empty.Blue > 240, $"empty cell is {empty}");
    }

    [Fact]
    public void Title_and_axis_labels_are_drawn()
    {
        using Plot plot = ConfusionMatrixPlot.Build(Counts(), "Confusion matrix");
        using SKBitmap shown = Render(plot);
        PixelRect title = Rendering.TitleBand(plot), bottom = Rendering.BottomBand(plot), left = Rendering.LeftBand(plot);
        plot.Axes.Title.Label.ForeColor = Colors.Transparent;
        plot.Axes.Bottom.Label.ForeColor = Colors.Transparent;
        plot.Axes.Left.Label.ForeColor = Colors.Transparent;
        using SKBitmap hidden = Render(plot);

        Assert.Equal(("Predicted", "True"), (plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text));
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, title), 300, int.MaxValue);
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, bottom), 150, int.MaxValue);
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, left), 80, int.MaxValue);
    }

    [Fact]
    public void Counts_that_are_not_square_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Save(_folder.File("bad.png"), new int[10, 9]));
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        int[,] counts = Counts();
        counts[2, 5] = -1;

        Assert.ThrowsAny<ArgumentException>(() => ConfusionMatrixPlot.Save(_folder.File("bad.png"), counts));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    /// <summary>A plausible test-set matrix: about a thousand right per digit, a few mistakes, many zeros.</summary>
    private static int[,] Counts()
    {
        var counts = new int[10, 10];
        for (int t = 0; t < 10; t++)
        {
            counts[t, t] = 950 + (t * 7);
            counts[t, (t + 3) % 10] = 1 + t;
            counts[t, (t + 7) % 10] = 12;
        }

        return counts;
    }

    private static SKBitmap Render(Plot plot) => Rendering.Render(plot, ConfusionMatrixPlot.Width, ConfusionMatrixPlot.Height);

    /// <summary>The pixels of the cell for true digit t (row t from the top) and predicted digit p.</summary>
    private static PixelRect CellRect(Plot plot, int t, int p)
    {
        Pixel upperLeft = plot.GetPixel(new Coordinates(p, 10 - t));
        Pixel lowerRight = plot.GetPixel(new Coordinates(p + 1, 9 - t));
        return new PixelRect(upperLeft.X + 2, lowerRight.X - 2, lowerRight.Y - 2, upperLeft.Y + 2);
    }

    private static SKColor ColourAt(SKBitmap image, PixelRect rect) => image.GetPixel((int)rect.Left + 3, (int)rect.Top + 3);
}
