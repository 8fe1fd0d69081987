using Handwriting.Training.IO;
using ScottPlot;

namespace Handwriting.Training.Plots;

/// <summary>Saves a plot as a PNG without ever leaving a half-written image under the final name.</summary>
internal static class PngFile
{
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);

        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
