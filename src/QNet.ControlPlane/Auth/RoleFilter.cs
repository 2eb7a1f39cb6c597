using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace QNet.ControlPlane.Auth;

/// <summary>Endpoint filter: the request needs <c>Authorization: Bearer TOKEN</c> whose role covers <see cref="Role"/> (401 without a valid token, 403 for a viewer on an operator endpoint); a token-like query parameter is a 400, never a credential.</summary>
internal sealed class RoleFilter(string role) : IEndpointFilter
{
    public string Role { get; } = role;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Apis.DashboardApi.CredentialInQuery(http.Request) is { } parameter)
        {
            return Apis.DashboardApi.CredentialInQueryRefused(parameter);
        }

        string header = http.Request.Headers.Authorization.ToString();
        string? token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (string.IsNullOrEmpty(token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("a bearer token is required (create one with `qnet token create --role viewer|operator`)", statusCode: 401, title: "Unauthorized");
        }
        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        var granted = await tokens.RoleOfAsync(token, http.RequestAborted).ConfigureAwait(false);
        if (granted is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return TypedResults.Problem("the bearer token is not known", statusCode: 401, title: "Unauthorized");
        }
        if (Role == TokenService.Operator && granted != TokenService.Operator)
        {
            return TypedResults.Problem("this endpoint changes the network and needs an operator token", statusCode: 403, title: "Forbidden");
        }
        return await next(context).ConfigureAwait(false);
    }
}

/// <summary>Registration helpers.</summary>
internal static class RoleFilterExtensions
{
    /// <summary>Requires a viewer (or operator) token.</summary>
    public static TBuilder RequireViewer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RoleFilter(TokenService.Viewer));

    /// <summary>Requires an operator token.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RoleFilter(TokenService.Operator));
}
