using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// <c>/dashboard</c>: one static page, its script and its style sheet, polling the API (links, sessions, SLOs, alerts).
/// The page needs a viewer token, typed into a password field and kept in the tab's sessionStorage; a token in the URL
/// is refused (URLs end up in histories, logs and Referer headers). Every response carries a Content-Security-Policy
/// allowing only this origin's script and style (no inline script) and no framing, and <c>nosniff</c>.
/// </summary>
internal static class DashboardApi
{
    /// <summary>The policy of the dashboard's responses: nothing but this origin's own files and API calls; never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Query parameters that would carry a credential in the URL.</summary>
    private static readonly string[] CredentialParameters = ["token", "access_token", "bearer"];

    private static readonly Lazy<string> Page = new(() => Resource("dashboard.html"));
    private static readonly Lazy<string> Script = new(() => Resource("dashboard.js"));
    private static readonly Lazy<string> Style = new(() => Resource("dashboard.css"));

    public static void MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", (HttpContext http) => Serve(http, Page.Value, "text/html; charset=utf-8")).WithTags("dashboard").ExcludeFromDescription();
        app.MapGet("/dashboard/dashboard.js", (HttpContext http) => Serve(http, Script.Value, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/dashboard/dashboard.css", (HttpContext http) => Serve(http, Style.Value, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/", () => TypedResults.Redirect("/console")).ExcludeFromDescription();
    }

    /// <summary>The name of a credential-carrying query parameter of the request, or null.</summary>
    public static string? CredentialInQuery(HttpRequest request) => CredentialParameters.FirstOrDefault(p => request.Query.ContainsKey(p));

    /// <summary>The 400 answer to a credential in the URL.</summary>
    public static IResult CredentialInQueryRefused(string parameter) => TypedResults.Problem(
        $"the query parameter '{parameter}' would put a credential in the URL; it is refused. Send the token as `Authorization: Bearer TOKEN` (the dashboard has a field for it)",
        statusCode: StatusCodes.Status400BadRequest, title: "Token in URL");

    private static IResult Serve(HttpContext http, string body, string contentType)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (CredentialInQuery(http.Request) is { } parameter)
        {
            return CredentialInQueryRefused(parameter);
        }

        return TypedResults.Content(body, contentType);
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("QNet.ControlPlane." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
