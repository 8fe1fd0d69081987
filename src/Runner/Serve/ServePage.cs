using Microsoft.AspNetCore.Http;

namespace Handwriting.Runner.Serve;

/// <summary>
/// The drawing page: three files under Serve/Page, embedded in the program (no front-end build,
/// nothing read from disk at run time), served with a policy that lets the page load only itself.
/// </summary>
public static class ServePage
{
    public const string Index = "index.html";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [Index] = "text/html; charset=utf-8",
        ["page.css"] = "text/css; charset=utf-8",
        ["page.js"] = "text/javascript; charset=utf-8",
    };

    public static IReadOnlyCollection<string> Assets => ContentTypes.Keys;

    /// <summary>The text of one asset, read from the program's resources.</summary>
    public static byte[] Read(string asset)
    {
        using Stream stream = typeof(ServePage).Assembly.GetManifestResourceStream($"Handwriting.Runner.Serve.Page.{asset}")
            ?? throw new InvalidOperationException($"the page asset {asset} is not embedded in the program");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    public static Task Write(HttpContext context, string asset)
    {
        ArgumentNullException.ThrowIfNull(context);
        byte[] content = Read(asset);
        var headers = context.Response.Headers;
        headers.ContentType = ContentTypes[asset];
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'";
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }
}
