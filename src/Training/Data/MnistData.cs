namespace Handwriting.Training.Data;

/// <summary>MNIST's 60,000 training and 10,000 test images.</summary>
public sealed class MnistData
{
    public MnistData(ImageSet train, ImageSet test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        Train = train;
        Test = test;
    }

    public ImageSet Train { get; }

    public ImageSet Test { get; }

    /// <summary>Reads the four files (each raw or .gz) from <paramref name="directory"/>.</summary>
    public static MnistData Load(string directory)
    {
        ImageSet train = ImageSet.Load(Locate(directory, MnistFiles.TrainImages), Locate(directory, MnistFiles.TrainLabels));
        ImageSet test = ImageSet.Load(Locate(directory, MnistFiles.TestImages), Locate(directory, MnistFiles.TestLabels));
        return new MnistData(train, test);
    }

    /// <summary>
    /// Resolves the data folder (<paramref name="dataOption"/>, then MNIST_DIR, then the
    /// repository's data/mnist), fetches whatever files are missing, and loads them.
    /// </summary>
    public static MnistData LoadOrFetch(string? dataOption, Action<string> report)
    {
        string directory = MnistDirectory.Resolve(dataOption);
        if (File.Exists(directory) || IO.FileStatus.Of(directory).Kind == IO.FileKind.Special)
        {
            // Before the fetch, which would otherwise try to create the folder and suggest putting
            // the files "into" it.
            string source = string.IsNullOrWhiteSpace(dataOption) ? MnistDirectory.EnvironmentVariable : "--data";
            throw new MnistDataException($"{source} {directory}: is a file, not a folder; it must name the folder that holds (or is to hold) the MNIST files");
        }

        MnistFetcher.EnsurePresent(directory, report);
        return Load(directory);
    }

    private static string Locate(string directory, MnistFile file) =>
        file.FindIn(directory)
        ?? throw new MnistDataException($"{file.Name}: not found in {directory} (neither {file.Name} nor {file.GzipName})");
}
