using System.Net;
using System.Text.Json;
using Handwriting.Runner.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using HttpProtocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Handwriting.Runner.Serve;

/// <summary>
/// `serve`'s web server (Kestrel): the page (<see cref="ServePage"/>) at `/`, and one JSON
/// endpoint, `POST /api/predict`, whose body is an image (PNG, JPEG or BMP) and whose answer is
/// what `predict --json` answers for it plus `prepared`, the 28x28 field the network saw (784
/// values in [0, 1], row-major, ink 1). `GET /api/health` says which model is served.
/// Every error is a JSON object { "error": "..." } with a 4xx status (5xx only for our own
/// faults), never a stack trace: the application's own, those routing decides (an unknown path,
/// a method not allowed) and those Kestrel answers by itself (<see cref="RejectionBodies"/>).
/// </summary>
public static class DigitServer
{
    /// <summary>The largest upload: a phone photo fits, a canvas drawing is ~10 KB.</summary>
    public const long MaxBodyBytes = 4 << 20;

    /// <summary>Answers are dictionaries whose keys are already `predict --json`'s snake_case names; numbers as there (shortest round-trip).</summary>
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>A server for <paramref name="reader"/> on <paramref name="address"/>:<paramref name="port"/> (0: any free port), not yet started.</summary>
    public static WebApplication Build(DigitReader reader, IPAddress address, int port, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(error);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                RejectionBodies.Use(listen);
            });
            kestrel.Limits.MaxRequestLineSize = ErrorAnswer.MaxRequestLineBytes;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = 256;
        });

        var app = builder.Build();
        app.Use((context, next) => AnswerErrors(context, next, error));
        foreach (string asset in ServePage.Assets)
        {
            app.MapGet(asset == ServePage.Index ? "/" : $"/{asset}", (HttpContext context) => ServePage.Write(context, asset));
        }

        app.MapGet("/api/health", () => Json(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            ["model"] = ShownModel(reader.ModelPath),
            ["network"] = reader.Description,
        }));
        app.MapPost("/api/predict", async (HttpContext context) =>
        {
            byte[] body = await ReadBody(context.Request, context.RequestAborted).ConfigureAwait(false);
            string name = context.Request.Query["name"].FirstOrDefault() is { Length: > 0 and <= 100 } given ? given : "upload";
            DigitReading reading = await reader.ReadAsync(body, name, context.RequestAborted).ConfigureAwait(false);
            var answer = reading.Answer.ToJson();
            answer["prepared"] = reading.Prepared.Select(value => Math.Round(value, 3)).ToArray();
            return Json(StatusCodes.Status200OK, answer);
        });
        // "{*path}" rather than MapFallback's default, which leaves out paths that look like file
        // names (`/nope.js`, `/..%2fetc%2fpasswd`) and lets them end in an empty 404.
        app.MapFallback("{*path}", (HttpContext context) =>
            Json(StatusCodes.Status404NotFound, Error($"nothing at {context.Request.Method} {context.Request.Path}; the page is at /, predictions at POST /api/predict")));
        return app;
    }

    /// <summary>The address Kestrel listens on, once started, e.g. `http://127.0.0.1:8028/`.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(bound.EndsWith('/') ? bound : bound + "/");
    }

    /// <summary>The model file with its folder, `20261129-201500/model.bin`: enough to tell runs apart without showing the whole path to the page.</summary>
    private static string ShownModel(string path)
    {
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetFileName(Path.GetDirectoryName(full)) ?? "", Path.GetFileName(full));
    }

    private static async Task<byte[]> ReadBody(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException(TooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancel).ConfigureAwait(false);
        return body.ToArray();
    }

    internal static string TooLarge => $"the upload is larger than {MaxBodyBytes >> 20} MB";

    private static async Task AnswerErrors(HttpContext context, RequestDelegate next, TextWriter error)
    {
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode >= StatusCodes.Status400BadRequest && !context.Response.HasStarted)
            {
                // A status set with nothing said, such as routing's 405: the same shape as every error.
                await Json(context.Response.StatusCode, Error(ErrorAnswer.For(context.Response.StatusCode))).ExecuteAsync(context).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var (status, message) = exception switch
            {
                ImageFileException => (StatusCodes.Status400BadRequest, exception.Message),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, TooLarge),
                BadHttpRequestException bad => (bad.StatusCode, "the request is malformed: " + bad.Message),
                ServerBusyException => (StatusCodes.Status503ServiceUnavailable, exception.Message),
                _ => (StatusCodes.Status500InternalServerError, "internal error: the server could not read this image"),
            };
            if (status >= 500)
            {
                error.WriteLine($"handwriting serve: {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}");
            }

            await Json(status, Error(message)).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, object?> Error(string message) => new() { ["error"] = message };

    private static IResult Json(int status, Dictionary<string, object?> body) =>
        Results.Json(body, Compact, contentType: ErrorAnswer.ContentType, statusCode: status);
}
