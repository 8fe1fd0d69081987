using Handwriting.Training.Plots;
using Handwriting.Training.Images;
using ScottPlot;
using SkiaSharp;

namespace Handwriting.Training.Tests.Plots;

public sealed class PredictionGridTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Twenty_five_digits_make_a_5_by_5_png()
    {
        string path = _folder.File("predictions.png");

        PredictionGrid.Save(path, Digits(25, wrong: [6]), "Test predictions");

        using SKBitmap image = SKBitmap.Decode(path);
        Assert.Equal((5 * 34 * 4, (5 * 40 * 4) + 50), (image.Width, image.Height));
        Assert.Equal(["predictions.png"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Ten_digits_make_a_4_by_3_grid()
    {
        using Plot plot = PredictionGrid.Build(Digits(10, wrong: []), "Ten", out int width, out int height);

        Assert.Equal((4 * 34 * 4, (3 * 40 * 4) + 50), (width, height));
        Assert.Equal(10, plot.GetPlottables<ScottPlot.Plottables.Heatmap>().Count());
    }

    [Fact]
    public void Every_digit_has_a_caption_in_writing()
    {
        using Plot plot = PredictionGrid.Build(Digits(25, wrong: [6]), "Test predictions", out int width, out int height);
        ScottPlot.Plottables.Text[] captions = plot.GetPlottables<ScottPlot.Plottables.Text>().ToArray();
        using SKBitmap shown = Rendering.Render(plot, width, height);
        foreach (ScottPlot.Plottables.Text caption in captions)
        {
            caption.LabelFontColor = Colors.Transparent;
        }

        using SKBitmap hidden = Rendering.Render(plot, width, height);

        Assert.Equal("pred 7 / true 7", captions[0].LabelText);
        Assert.Equal("pred 9 / true 7", captions[6].LabelText);
        Assert.InRange(Rendering.DifferingPixels(shown, hidden), 25 * 100, int.MaxValue);
    }

    [Fact]
    public void The_title_is_drawn()
    {
        using Plot plot = PredictionGrid.Build(Digits(4, wrong: []), "Test predictions", out int width, out int height);
        using SKBitmap shown = Rendering.Render(plot, width, height);
        plot.Axes.Title.Label.ForeColor = Colors.Transparent;
        using SKBitmap hidden = Rendering.Render(plot, width, height);

        Assert.InRange(Rendering.DifferingPixels(shown, hidden, Rendering.TitleBand(plot)), 300, int.MaxValue);
    }

    [Fact]
    public void Wrong_predictions_are_red_and_right_ones_are_not()
    {
        using Plot allRight = PredictionGrid.Build(Digits(9, wrong: []), "All right", out int width, out int height);
        using Plot oneWrong = PredictionGrid.Build(Digits(9, wrong: [4]), "One wrong", out _, out _);

        using SKBitmap right = Rendering.Render(allRight, width, height);
        using SKBitmap wrong = Rendering.Render(oneWrong, width, height);

        Assert.Equal(0, Rendering.CountPixels(right, Rendering.IsRed));
        Assert.InRange(Rendering.CountPixels(wrong, Rendering.IsRed), 500, int.MaxValue);
    }

    [Fact]
    public void A_digit_without_a_known_label_is_captioned_with_its_prediction_only()
    {
        float[] seven = PreparedSeven();

        using Plot plot = PredictionGrid.Build([(seven, 7, null)], "Unlabelled", out _, out _);

        Assert.Equal("pred 7", plot.GetPlottables<ScottPlot.Plottables.Text>().Single().LabelText);
    }

    [Fact]
    public void Digits_are_drawn_upright_with_ink_black()
    {
        // Ink in the top four rows only: the top of the cell must be dark and the bottom white.
        float[] bar = new float[784];
        Array.Fill(bar, 1f, 0, 4 * 28);

        using Plot plot = PredictionGrid.Build([(bar, 1, 1)], "Upright", out int width, out int height);
        using SKBitmap image = Rendering.Render(plot, width, height);

        Pixel top = plot.GetPixel(new Coordinates(14, -2));
        Pixel bottom = plot.GetPixel(new Coordinates(14, -26));
        Assert.True(image.GetPixel((int)top.X, (int)top.Y).Red < 40, "the top rows should be black");
        Assert.True(image.GetPixel((int)bottom.X, (int)bottom.Y).Red > 215, "the bottom rows should be white");
    }

    [Fact]
    public void A_digit_of_the_wrong_size_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            PredictionGrid.Save(_folder.File("bad.png"), [(PreparedSeven(), 7, 7), (new float[783], 1, 1)], "Bad"));

        Assert.Contains("digit 1 has 783 pixels, not 784", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void No_digits_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PredictionGrid.Save(_folder.File("none.png"), [], "None"));
    }

    /// <summary>The same prepared "7", predicted right except at the given positions, where 9 is predicted.</summary>
    private static (float[] Pixels784, int? Predicted, int? Actual)[] Digits(int count, int[] wrong)
    {
        float[] seven = PreparedSeven();
        return Enumerable.Range(0, count).Select(i => (seven, (int?)(wrong.Contains(i) ? 9 : 7), (int?)7)).ToArray();
    }

    /// <summary>A "7" drawn black on white (two strokes, 120x100), prepared as a predicted image is.</summary>
    private static float[] PreparedSeven()
    {
        const int width = 120, height = 100;
        using var drawn = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(drawn))
        using (var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 7, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round })
        {
            canvas.Clear(SKColors.White);
            canvas.DrawLine(20, 15, 62, 15, pen);
            canvas.DrawLine(62, 15, 35, 80, pen);
        }

        float[] luminance = new float[width * height];
        for (int i = 0; i < luminance.Length; i++)
        {
            luminance[i] = drawn.GetPixel(i % width, i / width).Red / 255f; // black on white: every channel alike
        }

        return DigitPreparation.Prepare(luminance, width, height);
    }
}
