using System.Net;
using System.Net.Http.Headers;

namespace Handwriting.ServeLoad;

/// <summary>A `serve` on this machine: the URL is refused unless it is loopback, so that no load is ever sent elsewhere.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _client;
    private int _failureShown;

    public LoopbackServer(Uri url, int connections)
    {
        if (!(url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address))))
        {
            throw new ArgumentException($"--url {url}: only a server on this machine (127.0.0.1, ::1, localhost) is loaded");
        }

        Url = url;
        _handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Url { get; }

    /// <summary>Posts one image to /api/predict; the status, or 0 when the request failed without one.</summary>
    public async Task<int> PredictAsync(byte[] image, string name)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        try
        {
            using HttpResponseMessage response = await _client.PostAsync($"api/predict?name={name}", content).ConfigureAwait(false);
            _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException failed)
        {
            if (Interlocked.Exchange(ref _failureShown, 1) == 0)
            {
                Console.Error.WriteLine($"handwriting-serve-load: a request failed without an answer (counted as status 0; this is shown once): {failed.Message}");
            }

            return 0;
        }
        catch (TaskCanceledException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }
}
