using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Handwriting.Runner.Serve;

/// <summary>
/// The one shape of every error `serve` sends, <c>{"error": "..."}</c>, and the words for the
/// statuses that nothing more specific explains: the ones Kestrel and routing decide on their own.
/// </summary>
public static class ErrorAnswer
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Kestrel's limit on the request line (method, URL, version), in bytes: its default.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>The body for <paramref name="message"/>, as UTF-8 JSON.</summary>
    public static byte[] Body(string message) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = message });

    /// <summary>What went wrong, for a status that came without an explanation of its own.</summary>
    public static string For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "the request is malformed: it is not HTTP/1.1 as this server reads it",
        StatusCodes.Status404NotFound => "nothing here; the page is at /, predictions at POST /api/predict",
        StatusCodes.Status405MethodNotAllowed => "this method is not allowed here; predictions are POST /api/predict",
        StatusCodes.Status408RequestTimeout => "the request was not sent in time",
        StatusCodes.Status411LengthRequired => "the request has a body but says neither its length nor that it is chunked",
        StatusCodes.Status413PayloadTooLarge => DigitServer.TooLarge,
        StatusCodes.Status414UriTooLong => $"the URL is too long: the request line may be at most {MaxRequestLineBytes / 1024} KB",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "the request's headers are too many or too large",
        StatusCodes.Status505HttpVersionNotsupported => "this HTTP version is not supported: HTTP/1.1 and HTTP/1.0 are",
        _ => $"{(ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason.ToLowerInvariant() : "error")} (HTTP {status})",
    };

    /// <summary>The ASCII bytes of <paramref name="text"/> (a status line and headers), for building raw responses.</summary>
    internal static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
