using Handwriting.Runner.Plots;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Plots;

public sealed class ThroughputChartTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Two panels side by side, each with its bars: the image is wider than tall and both halves are drawn on.</summary>
    [Fact]
    public void Save_draws_the_training_and_the_whole_process_panels_side_by_side()
    {
        string path = _folder.File("bench.png");
        ThroughputChart.Bar[] training = [new("handwriting\ncpu\nbatch 32", 10_000, "10,000\n0.20x", 0), new("PyTorch\n1 thread\nbatch 32", 50_000, "50,000", 1)];
        ThroughputChart.Bar[] wall = [new("handwriting\ncpu\nbatch 32", 8, "8.0 s\n2.25x", 0), new("PyTorch\n1 thread\nbatch 32", 18, "18.0 s", 1)];

        ThroughputChart.Save(path, training, wall);

        using SKBitmap image = SKBitmap.Decode(path);
        Assert.True(image.Width > image.Height, $"{image.Width}x{image.Height}");
        Assert.True(Coloured(image, 0, image.Width / 2) > 1000, "the left panel has no bars");
        Assert.True(Coloured(image, image.Width / 2, image.Width) > 1000, "the right panel has no bars");
    }

    /// <summary>Pixels in the columns [from, to) that are clearly coloured (the bars), not white, grey or black.</summary>
    private static int Coloured(SKBitmap image, int from, int to)
    {
        int count = 0;
        for (int x = from; x < to; x += 2)
        {
            for (int y = 0; y < image.Height; y += 2)
            {
                SKColor c = image.GetPixel(x, y);
                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
