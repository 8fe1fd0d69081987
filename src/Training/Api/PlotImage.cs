using Handwriting.Training.IO;
using Handwriting.Training.Plots;
using ScottPlot;

namespace Handwriting.Api;

/// <summary>
/// A picture the API drew (a training curve, digits, a confusion matrix) as PNG bytes: save it with
/// <see cref="Save"/>, or show <see cref="Png"/> wherever PNGs are shown (a notebook registers a
/// formatter for this type; see notebooks/seed.ipynb).
/// </summary>
public sealed class PlotImage
{
    private readonly byte[] _png;

    private PlotImage(byte[] png, int width, int height)
    {
        _png = png;
        Width = width;
        Height = height;
    }

    /// <summary>The image, PNG-encoded.</summary>
    public ReadOnlySpan<byte> Png => _png;

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The PNG as a base64 string, what notebooks and data: URIs carry.</summary>
    /// <returns>The base64 text of <see cref="Png"/>.</returns>
    public string ToBase64() => Convert.ToBase64String(_png);

    /// <summary>Writes the PNG to <paramref name="path"/>, whole or not at all (never a half-written file).</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist; the message names it.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"cannot write {path}: the folder {folder} does not exist");
        }

        AtomicFile.Write(path, stream => stream.Write(_png));
    }

    /// <summary>Renders <paramref name="plot"/> at the given size.</summary>
    internal static PlotImage Render(Plot plot, int width, int height)
    {
        EmbeddedFont.Use();
        return new PlotImage(plot.GetImageBytes(width, height, ImageFormat.Png), width, height);
    }
}
