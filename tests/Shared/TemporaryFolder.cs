namespace Handwriting.Tests.Shared;

/// <summary>
/// A fresh folder under the system temp folder, deleted with everything in it on dispose.
/// One source file compiled into every test project that writes files (see their .csproj).
/// </summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = Directory.CreateTempSubdirectory("handwriting-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of every file in the folder, sorted, so a test can assert nothing else was left behind.</summary>
    public string[] FileNames() =>
        Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
