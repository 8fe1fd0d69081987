namespace Handwriting.Training.Data;

/// <summary>
/// The MNIST files are missing, malformed or could not be fetched. The message is one line that
/// names the file and the fault, so a command line can print it as it is and the user knows what to fix.
/// </summary>
public sealed class MnistDataException : Exception
{
    public MnistDataException()
        : base("the MNIST data could not be read")
    {
    }

    public MnistDataException(string message)
        : base(OneLine(message))
    {
    }

    public MnistDataException(string message, Exception innerException)
        : base(OneLine(message), innerException)
    {
    }

    /// <summary>A fault in one file: "t10k-labels-idx1-ubyte: label 10 at index 3 is outside 0..9".</summary>
    public static MnistDataException ForFile(string path, string fault) =>
        new($"{Path.GetFileName(path)}: {fault}");

    // Messages may quote other tools (npm, GZipStream); a line break there would split the one
    // line a user reads into fragments.
    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
