namespace Handwriting.Runner.Images;

/// <summary>
/// An image file that cannot be read as a digit. The message is one line that names the file and
/// says what is wrong with it, so that the command line can print it as it is.
/// </summary>
public sealed class ImageFileException : Exception
{
    public ImageFileException()
    {
    }

    public ImageFileException(string message)
        : base(message)
    {
    }

    public ImageFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
