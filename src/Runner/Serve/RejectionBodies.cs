using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Handwriting.Runner.Serve;

/// <summary>
/// Gives the errors Kestrel answers by itself the JSON body every other error has. A request that
/// Kestrel cannot parse (a malformed request line, a URL or headers over its limits, an HTTP
/// version it does not speak) never reaches the application: Kestrel answers it with an empty
/// body and closes the connection, and offers no hook to change that answer
/// (aspnet/KestrelHttpServer#2947, "this category of errors is not customisable").
/// <para>
/// So this sits between Kestrel and the socket (a connection middleware, as Kestrel's own
/// connection logging does) and rewrites exactly those answers. It recognises one by what only
/// Kestrel's rejections look like: a whole response flushed on its own that is an error status,
/// headers only, <c>Content-Length: 0</c> and <c>Connection: close</c>. Every error the
/// application itself sends has a JSON body (<see cref="DigitServer"/> sees to it), so nothing
/// the application says is ever rewritten. Everything else passes through unchanged, flush by
/// flush.
/// </para>
/// </summary>
internal static class RejectionBodies
{
    /// <summary>Adds the rewriting to every connection that <paramref name="listen"/> accepts.</summary>
    public static void Use(ListenOptions listen) => listen.Use(next => async connection =>
    {
        IDuplexPipe transport = connection.Transport;
        var output = new RewritingWriter(transport.Output);
        connection.Transport = new Transport(transport.Input, output);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = transport;
        }
    });

    /// <summary>The response to send instead of <paramref name="flushed"/>, or null when it is not one of Kestrel's bodiless rejections.</summary>
    public static byte[]? Rewritten(ReadOnlySpan<byte> flushed)
    {
        if (!(flushed.StartsWith("HTTP/1.1 "u8) || flushed.StartsWith("HTTP/1.0 "u8)) || flushed.Length < 12)
        {
            return null;
        }

        int headersEnd = flushed.IndexOf("\r\n\r\n"u8);
        if (headersEnd < 0 || headersEnd + 4 != flushed.Length)
        {
            return null;
        }

        string head = Encoding.ASCII.GetString(flushed[..headersEnd]);
        if (!int.TryParse(head.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status) || status < 400)
        {
            return null;
        }

        string[] lines = head.Split("\r\n");
        bool empty = lines.Any(line => line.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase));
        bool closing = lines.Any(line => line.Equals("Connection: close", StringComparison.OrdinalIgnoreCase));
        if (!empty || !closing)
        {
            return null;
        }

        byte[] body = ErrorAnswer.Body(ErrorAnswer.For(status));
        var response = new StringBuilder();
        response.Append(lines[0]).Append("\r\n");
        foreach (string line in lines.Skip(1).Where(line => !line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            response.Append(line).Append("\r\n");
        }

        response.Append("Content-Type: ").Append(ErrorAnswer.ContentType).Append("\r\n");
        response.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        return [.. ErrorAnswer.Ascii(response.ToString()), .. body];
    }

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// Holds what Kestrel writes until it flushes, then passes it on, rewritten if it is a
    /// rejection. Kestrel flushes at the end of every response before it parses the next request,
    /// so a rejection always starts a flush of its own.
    /// </summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _pending = new();

        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => _pending.WrittenCount;

        public override void Advance(int bytes) => _pending.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            PassOn();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            PassOn();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            PassOn();
            return inner.CompleteAsync(exception);
        }

        private void PassOn()
        {
            if (_pending.WrittenCount == 0)
            {
                return;
            }

            ReadOnlySpan<byte> flushed = _pending.WrittenSpan;
            if (Rewritten(flushed) is byte[] rewritten)
            {
                inner.Write(rewritten);
            }
            else
            {
                inner.Write(flushed);
            }

            _pending.ResetWrittenCount();
        }
    }
}
