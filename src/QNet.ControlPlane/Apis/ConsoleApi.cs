using System.IO.Compression;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// <c>/console</c>: the operator console, one page with its script and style sheet and the vendored uPlot and
/// Cytoscape.js (Console/vendor/VENDOR.md), all embedded in the assembly; <c>/</c> redirects here. Same headers as
/// <see cref="DashboardApi"/> (its Content-Security-Policy: this origin's script and style only, no inline script,
/// never framed). The vendored files have the version in their path and are cached for a year; the page and its own
/// script are revalidated. Scripts and styles go gzip-compressed to a browser that accepts it (compressed once).
/// </summary>
internal static class ConsoleApi
{
    /// <summary>Served paths under <c>/console/</c> and their embedded resources and content types.</summary>
    public static readonly IReadOnlyList<(string Path, string Resource, string ContentType, bool Immutable)> Files =
    [
        ("console.js", "console.js", "text/javascript; charset=utf-8", false),
        ("map-layout.js", "map-layout.js", "text/javascript; charset=utf-8", false),
        ("console.css", "console.css", "text/css; charset=utf-8", false),
        ("vendor/uplot-1.6.32.min.js", "vendor.uplot.min.js", "text/javascript; charset=utf-8", true),
        ("vendor/uplot-1.6.32.min.css", "vendor.uplot.min.css", "text/css; charset=utf-8", true),
        ("vendor/cytoscape-3.34.4.min.js", "vendor.cytoscape.min.js", "text/javascript; charset=utf-8", true),
        ("vendor/uplot.LICENSE", "vendor.uplot.LICENSE", "text/plain; charset=utf-8", true),
        ("vendor/cytoscape.LICENSE", "vendor.cytoscape.LICENSE", "text/plain; charset=utf-8", true),
    ];

    private static readonly Lazy<byte[]> Page = new(() => Resource("console.html"));

    public static void MapConsoleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console", (HttpContext http) => Serve(http, Page.Value, null, "text/html; charset=utf-8", "no-store")).WithTags("console").ExcludeFromDescription();
        foreach (var (path, resource, contentType, immutable) in Files)
        {
            var body = new Lazy<byte[]>(() => Resource(resource));
            var gzip = new Lazy<byte[]>(() => Gzip(body.Value));
            var cache = immutable ? "public, max-age=31536000, immutable" : "no-cache";
            app.MapGet("/console/" + path, (HttpContext http) => Serve(http, body.Value, gzip, contentType, cache)).ExcludeFromDescription();
        }
    }

    private static IResult Serve(HttpContext http, byte[] body, Lazy<byte[]>? gzip, string contentType, string cacheControl)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = DashboardApi.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = cacheControl;
        if (DashboardApi.CredentialInQuery(http.Request) is { } parameter)
        {
            return DashboardApi.CredentialInQueryRefused(parameter);
        }

        if (gzip is not null)
        {
            headers.Vary = "Accept-Encoding";
            if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentEncoding = "gzip";
                return TypedResults.Bytes(gzip.Value, contentType);
            }
        }
        return TypedResults.Bytes(body, contentType);
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            zip.Write(body);
        }
        return output.ToArray();
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("QNet.ControlPlane.console." + name)
            ?? throw new InvalidOperationException($"embedded resource console.{name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
