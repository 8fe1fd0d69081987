using Handwriting.Training.Plots;
using ScottPlot;
using SkiaSharp;

namespace Handwriting.Training.Tests.Plots;

public sealed class TrainingCurvesTests : IDisposable
{
    private static readonly EpochPoint[] FiveEpochs =
    [
        new(1, 0.40, 0.915, 0.29, 0.938),
        new(2, 0.22, 0.930, 0.19, 0.946),
        new(3, 0.17, 0.945, 0.16, 0.954),
        new(4, 0.14, 0.960, 0.14, 0.962),
        new(5, 0.12, 0.975, 0.13, 0.970),
    ];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Kinds => ["accuracy", "loss"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_writes_a_png_of_the_documented_size_and_nothing_else(string kind)
    {
        string path = _folder.File($"{kind}.png");

        if (kind == "accuracy")
        {
            TrainingCurves.SaveAccuracy(FiveEpochs, path);
        }
        else
        {
            TrainingCurves.SaveLoss(FiveEpochs, path);
        }

        using SKBitmap image = SKBitmap.Decode(path);
        Assert.Equal((TrainingCurves.Width, TrainingCurves.Height), (image.Width, image.Height));
        Assert.Equal([$"{kind}.png"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_title_is_drawn_above_the_data(string kind)
    {
        using Plot plot = Build(kind);
        using SKBitmap shown = Render(plot);
        PixelRect band = Rendering.TitleBand(plot);
        plot.Axes.Title.Label.ForeColor = Colors.Transparent;
        using SKBitmap hidden = Render(plot);

        Assert.Equal(kind == "accuracy" ? "Model accuracy" : "Model loss", plot.Axes.Title.Label.Text);
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, band), 300, int.MaxValue);
        Assert.Equal(0, Rendering.DifferingPixels(shown, hidden, plot.LastRender.DataRect));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_axis_labels_are_drawn(string kind)
    {
        using Plot plot = Build(kind);
        using SKBitmap shown = Render(plot);
        PixelRect bottom = Rendering.BottomBand(plot), left = Rendering.LeftBand(plot);
        plot.Axes.Bottom.Label.ForeColor = Colors.Transparent;
        plot.Axes.Left.Label.ForeColor = Colors.Transparent;
        using SKBitmap hidden = Render(plot);

        Assert.Equal("Epoch", plot.Axes.Bottom.Label.Text);
        Assert.Equal(kind == "accuracy" ? "Accuracy" : "Loss", plot.Axes.Left.Label.Text);
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, bottom), 100, int.MaxValue);
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, left), 100, int.MaxValue);
    }

    [Fact]
    public void The_tick_labels_are_drawn()
    {
        using Plot plot = TrainingCurves.BuildLoss(FiveEpochs);
        using SKBitmap shown = Render(plot);
        plot.Axes.Bottom.TickLabelStyle.ForeColor = Colors.Transparent;
        plot.Axes.Left.TickLabelStyle.ForeColor = Colors.Transparent;
        using SKBitmap hidden = Render(plot);

        Assert.InRange(Rendering.DifferingPixels(shown, hidden, Rendering.BottomBand(plot)), 50, int.MaxValue);
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, Rendering.LeftBand(plot)), 100, int.MaxValue);
    }

    [Fact]
    public void The_legend_names_train_and_validation_in_writing()
    {
        using Plot plot = TrainingCurves.BuildAccuracy(FiveEpochs);
        using SKBitmap shown = Render(plot);
        plot.Legend.FontColor = Colors.Transparent;
        using SKBitmap hidden = Render(plot);

        Assert.Equal(["train", "validation"], plot.GetPlottables<ScottPlot.Plottables.Scatter>().Select(s => s.LegendText));
        Assert.InRange(Rendering.DifferingPixels(shown, hidden, plot.LastRender.DataRect), 100, int.MaxValue);
    }

    [Fact]
    public void Without_validation_data_only_the_training_curve_is_drawn()
    {
        EpochPoint[] trainingOnly = FiveEpochs.Select(p => p with { ValidationLoss = double.NaN, ValidationAccuracy = double.NaN }).ToArray();

        using Plot plot = TrainingCurves.BuildLoss(trainingOnly);

        Assert.Equal(["train"], plot.GetPlottables<ScottPlot.Plottables.Scatter>().Select(s => s.LegendText));
    }

    [Fact]
    public void A_single_epoch_still_renders()
    {
        string path = _folder.File("one.png");

        TrainingCurves.SaveAccuracy([FiveEpochs[0]], path);

        using SKBitmap image = SKBitmap.Decode(path);
        Assert.Equal(TrainingCurves.Width, image.Width);
    }

    [Fact]
    public void An_empty_history_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TrainingCurves.SaveLoss([], _folder.File("empty.png")));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    private static Plot Build(string kind) => kind == "accuracy" ? TrainingCurves.BuildAccuracy(FiveEpochs) : TrainingCurves.BuildLoss(FiveEpochs);

    private static SKBitmap Render(Plot plot) => Rendering.Render(plot, TrainingCurves.Width, TrainingCurves.Height);
}
