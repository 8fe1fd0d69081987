namespace Handwriting.Training.Data;

/// <summary>
/// Where the MNIST files live: the --data option if given, else the MNIST_DIR environment
/// variable, else data/mnist/ under the repository root (or under the current folder when no
/// repository is found).
/// </summary>
public static class MnistDirectory
{
    public const string EnvironmentVariable = "MNIST_DIR";

    /// <summary>Whether the folder <paramref name="dataOption"/> resolves to holds all four MNIST files (raw or gzipped), so that reading them needs no fetch.</summary>
    public static bool AllPresent(string? dataOption)
    {
        string directory = Path.GetFullPath(Resolve(dataOption));
        return Directory.Exists(directory) && MnistFiles.MissingFrom(directory).Count == 0;
    }

    /// <summary>Resolves the folder from the process's own environment, current folder and base folder.</summary>
    public static string Resolve(string? dataOption) =>
        Resolve(
            dataOption,
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            Environment.CurrentDirectory,
            AppContext.BaseDirectory);

    /// <summary>
    /// Resolves the folder from explicit inputs, so the order can be tested without touching the
    /// process environment. Relative paths are taken relative to <paramref name="currentDirectory"/>.
    /// </summary>
    public static string Resolve(string? dataOption, string? environmentValue, string currentDirectory, string baseDirectory)
    {
        // An empty value means "not set": `MNIST_DIR= handwriting train` should not point at the current folder.
        if (!string.IsNullOrWhiteSpace(dataOption))
        {
            return Path.GetFullPath(dataOption, currentDirectory);
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Path.GetFullPath(environmentValue, currentDirectory);
        }

        string root = RepositoryRoot.FindFrom(currentDirectory)
            ?? RepositoryRoot.FindFrom(baseDirectory)
            ?? currentDirectory;
        return Path.GetFullPath(Path.Combine(root, "data", "mnist"));
    }
}
