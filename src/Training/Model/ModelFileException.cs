namespace Handwriting.Training.Model;

/// <summary>
/// A model file that cannot be used. The message is one line that names the file and says what is
/// wrong with it, so that the command line can print it as it is.
/// </summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException()
    {
    }

    public ModelFileException(string message)
        : base(message)
    {
    }

    public ModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
