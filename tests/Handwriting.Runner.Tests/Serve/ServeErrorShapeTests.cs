using System.Text;
using System.Text.Json;
using Handwriting.Runner.Serve;
using Handwriting.Runner.Tests.Commands;

namespace Handwriting.Runner.Tests.Serve;

/// <summary>
/// Every error status `serve` sends has one body shape, {"error": "..."}: those the application
/// decides, those routing decides, and those Kestrel answers by itself before any application
/// code runs (<see cref="RejectionBodies"/>). Requests are sent over a bare socket, as written.
/// </summary>
[Collection(TrainedRunCollection.Name)]
public sealed class ServeErrorShapeTests(TrainedRun run)
{
    public static TheoryData<string, int, string> Requests => new()
    {
        { "a file-like unknown path", 404, "GET /nope.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" },
        { "traversal with encoded slashes", 404, "GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" },
        { "traversal with dot segments", 404, "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" },
        { "GET on the prediction endpoint", 404, "GET /api/predict HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" },
        { "a long URL", 414, $"GET /{new string('a', 100_000)} HTTP/1.1\r\nHost: x\r\n\r\n" },
        { "a thousand headers", 431, $"GET / HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 1_000).Select(i => $"X-Header-{i}: {i}\r\n"))}\r\n" },
        { "a malformed request line", 400, "NOT HTTP AT ALL\r\n\r\n" },
        { "no Host header", 400, "GET / HTTP/1.1\r\n\r\n" },
        { "a Content-Length that is no number", 400, "POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n" },
        { "a chunk size that is no number", 400, "POST /api/predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" },
        { "an HTTP version not spoken", 505, "GET / HTTP/4.2\r\nHost: x\r\n\r\n" },
        { "a body declared over 4 MB", 413, $"POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Length: {DigitServer.MaxBodyBytes + 1}\r\n\r\n" },
        { "a POST of HTTP/1.0 without a length", 400, "POST /api/predict HTTP/1.0\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_error_status_comes_with_a_json_error_body(string what, int expected, string request)
    {
        await using var server = await RunningServer.StartAsync(run.Model);

        RawHttp.Response response = await RawHttp.SendAsync(server.Address, RawHttp.Ascii(request));

        Assert.True(response.Status == expected, $"{what}: {response.Status} {response.Body}");
        Assert.StartsWith("application/json", response.Headers.GetValueOrDefault("content-type"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal(["error"], json.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()), what);
        Assert.Empty(server.Errors.ToString());
    }

    [Fact]
    public async Task A_rejection_after_an_answered_request_on_the_same_connection_is_rewritten_and_the_answer_is_not()
    {
        await using var server = await RunningServer.StartAsync(run.Model);
        string pipelined = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n" + "GET / HTTP/4.2\r\nHost: x\r\n\r\n";

        string received = await ReadAllAsync(server.Address, pipelined);

        int second = received.IndexOf("HTTP/1.1 505", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 OK", received, StringComparison.Ordinal);
        Assert.True(second > 0, received);
        Assert.Contains("\"network\"", received[..second], StringComparison.Ordinal);
        Assert.Contains("{\"error\":", received[second..], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_kestrels_own_bodiless_rejections_are_rewritten()
    {
        const string Rejection = "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\nDate: Mon, 07 Dec 2026 10:00:00 GMT\r\n\r\n";

        byte[]? rewritten = RejectionBodies.Rewritten(RawHttp.Ascii(Rejection));

        Assert.NotNull(rewritten);
        string text = Encoding.ASCII.GetString(rewritten);
        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", text, StringComparison.Ordinal);
        string body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.Contains($"\r\nContent-Length: {body.Length}\r\n", text, StringComparison.Ordinal);
        Assert.Equal(ErrorAnswer.For(431), JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());

        Assert.Null(RejectionBodies.Rewritten(RawHttp.Ascii("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")));
        Assert.Null(RejectionBodies.Rewritten(RawHttp.Ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));
        Assert.Null(RejectionBodies.Rewritten(RawHttp.Ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n{")));
        Assert.Null(RejectionBodies.Rewritten(RawHttp.Ascii("{\"error\":\"HTTP/1.1 400\"}")));
    }

    private static async Task<string> ReadAllAsync(Uri server, string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(RawHttp.Ascii(request), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
