using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Handwriting.Runner.Tests.Serve;

/// <summary>One exchange over a bare socket, for requests no HTTP client will send: malformed, oversized, or with paths taken as they are.</summary>
internal static class RawHttp
{
    /// <summary>A response as received: its status, its headers (names in lower case) and its body as text.</summary>
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>Sends <paramref name="request"/> as it is and reads the response the server sends, up to the end of its body or of the connection.</summary>
    public static async Task<Response> SendAsync(Uri server, byte[] request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);

        var received = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (Parse(received.ToArray()) is Response whole)
            {
                return whole;
            }
        }

        return Parse(received.ToArray()) ?? throw new InvalidDataException($"the server closed the connection after {received.Length} bytes, not a whole response: {Encoding.ASCII.GetString(received.ToArray())}");
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>The response if <paramref name="bytes"/> hold all of it (headers and a body of its Content-Length), else null.</summary>
    private static Response? Parse(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        string[] lines = text[..end].Split("\r\n");
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0].Trim().ToLowerInvariant(), pair => pair[1].Trim(), StringComparer.Ordinal);
        string body = text[(end + 4)..];
        if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
        {
            return Dechunked(body) is string whole ? new Response(Status(lines[0]), headers, whole) : null;
        }

        if (!headers.TryGetValue("content-length", out string? length) || Encoding.UTF8.GetByteCount(body) < int.Parse(length, CultureInfo.InvariantCulture))
        {
            return null;
        }

        return new Response(Status(lines[0]), headers, body);
    }

    private static int Status(string statusLine) => int.Parse(statusLine.AsSpan(9, 3), CultureInfo.InvariantCulture);

    /// <summary>A chunked body put together, or null while its last chunk has not arrived (sizes count bytes; the bodies here are ASCII).</summary>
    private static string? Dechunked(string chunked)
    {
        var body = new StringBuilder();
        int at = 0;
        while (true)
        {
            int lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                return null;
            }

            int size = int.Parse(chunked.AsSpan(at, lineEnd - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToString();
            }

            if (lineEnd + 2 + size + 2 > chunked.Length)
            {
                return null;
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
