using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QNet.ControlPlane.Apis;

/// <summary><c>/dashboard</c>: one static page that polls the API (links, sessions, SLOs, alerts). The page needs a viewer token, typed in or given as <c>?token=</c>.</summary>
internal static class DashboardApi
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("QNet.ControlPlane.dashboard.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", () => TypedResults.Content(Page.Value, "text/html; charset=utf-8")).WithTags("dashboard").ExcludeFromDescription();
        app.MapGet("/", () => TypedResults.Redirect("/dashboard")).ExcludeFromDescription();
    }
}
