namespace Handwriting.Runner.Serve;

/// <summary>More uploads are waiting than <see cref="DigitReader.MaxQueued"/>: answered 503, try again.</summary>
public sealed class ServerBusyException : Exception
{
    public ServerBusyException()
    {
    }

    public ServerBusyException(string message)
        : base(message)
    {
    }

    public ServerBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
