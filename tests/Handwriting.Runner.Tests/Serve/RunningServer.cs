using System.Net;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Serve;
using Microsoft.AspNetCore.Builder;

namespace Handwriting.Runner.Tests.Serve;

/// <summary>`serve`'s real Kestrel server, in this process, on a free loopback port, for one model on the CPU accelerator.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly DigitReader _reader;
    private readonly WebApplication _app;

    private RunningServer(DigitReader reader, WebApplication app, StringWriter errors)
    {
        _reader = reader;
        _app = app;
        Errors = errors;
        Address = DigitServer.Address(app);
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>What the server wrote to its error stream (its own faults only).</summary>
    public StringWriter Errors { get; }

    public static async Task<RunningServer> StartAsync(string model)
    {
        var reader = DigitReader.Open(AcceleratorKind.Cpu, model);
        var errors = new StringWriter();
        WebApplication app = DigitServer.Build(reader, IPAddress.Loopback, 0, errors);
        await app.StartAsync();
        return new RunningServer(reader, app, errors);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _reader.Dispose();
        Errors.Dispose();
    }
}
