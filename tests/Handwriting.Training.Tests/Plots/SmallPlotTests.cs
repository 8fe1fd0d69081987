using Handwriting.Training.Plots;
using ScottPlot;
using SkiaSharp;

namespace Handwriting.Training.Tests.Plots;

/// <summary>Plots of the smallest inputs a user makes: a one-epoch run, a prediction of one image.</summary>
public sealed class SmallPlotTests
{
    private static readonly EpochPoint[] OneEpoch = [new(1, 0.33, 0.904, 0.17, 0.951)];

    [Fact]
    public void A_one_epoch_accuracy_plot_frames_the_epoch_and_its_values_not_minus_one_to_one()
    {
        using Plot plot = TrainingCurves.BuildAccuracy(OneEpoch);
        plot.GetImageBytes(TrainingCurves.Width, TrainingCurves.Height, ImageFormat.Png);

        AxisLimits limits = plot.Axes.GetLimits();

        Assert.InRange(limits.Bottom, 0, 0.904);
        Assert.InRange(limits.Top, 0.951, 1.1);
        Assert.InRange(limits.Left, 0, 1);
        Assert.InRange(limits.Right, 1, 2);
    }

    [Fact]
    public void A_one_epoch_loss_plot_stays_above_zero()
    {
        using Plot plot = TrainingCurves.BuildLoss(OneEpoch);
        plot.GetImageBytes(TrainingCurves.Width, TrainingCurves.Height, ImageFormat.Png);

        Assert.InRange(plot.Axes.GetLimits().Bottom, 0, 0.17);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void The_title_of_a_grid_of_few_images_is_not_clipped(int count)
    {
        const string Title = "As the network sees them: predicted (true)";
        var digits = Enumerable.Range(0, count).Select(i => (new float[784], (int?)i, (int?)null)).ToList();

        using Plot plot = PredictionGrid.Build(digits, Title, out int width, out int height);
        using SKBitmap shown = Rendering.Render(plot, width, height);
        plot.Axes.Title.Label.ForeColor = Colors.Transparent;
        using SKBitmap hidden = Rendering.Render(plot, width, height);

        Assert.True(width >= PredictionGrid.TitleWidth(Title), $"{width} px for a title of {PredictionGrid.TitleWidth(Title)} px");
        Assert.InRange(Rendering.DifferingPixels(shown, hidden), 300, int.MaxValue);
        Assert.Equal(0, Rendering.DifferingPixels(shown, hidden, new PixelRect(0, 4, height, 0)));
        Assert.Equal(0, Rendering.DifferingPixels(shown, hidden, new PixelRect(width - 4, width, height, 0)));
    }
}
