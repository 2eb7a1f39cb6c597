using Microsoft.AspNetCore.Http;

namespace QNet.ControlPlane.HighAvailability;

/// <summary>
/// A follower's answer to every API, console and dashboard request: it forwards the request (method, headers with
/// the bearer token, body) to the leader's advertised URL and streams the answer back. Forwarding rather than
/// 307: .NET's HttpClient, curl and browsers drop the Authorization header when a redirect changes host or port, so
/// a redirected write would come back 401. With no live leader (a takeover under way) it answers 503 with
/// Retry-After, in problem details.
/// </summary>
internal sealed class LeaderForwarder(ILeadership leadership, HttpClient client)
{
    /// <summary>Header naming the follower that forwarded a request (on the request to the leader and on the answer).</summary>
    public const string ForwardedByHeader = "X-QNet-Forwarded-By";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate", "Host",
    };

    public async Task ForwardAsync(HttpContext http)
    {
        if (leadership.LeaderUrl is not { } leader)
        {
            await UnavailableAsync(http, "no live leader is known: a takeover is under way; retry shortly").ConfigureAwait(false);
            return;
        }
        var target = new Uri(leader, (http.Request.PathBase + http.Request.Path).ToUriComponent().TrimStart('/') + http.Request.QueryString.ToUriComponent());
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), target);
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
        }
        foreach (var (name, values) in http.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        request.Headers.TryAddWithoutValidation(ForwardedByHeader, leadership.ReplicaId);
        if (http.Connection.RemoteIpAddress is { } remote)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
        }
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            await UnavailableAsync(http, $"the leader at {leader} did not answer: a takeover may be under way; retry shortly").ConfigureAwait(false);
            return;
        }
        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    http.Response.Headers[name] = values.ToArray();
                }
            }
            http.Response.Headers[ForwardedByHeader] = leadership.ReplicaId;
            await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task UnavailableAsync(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No leader to forward to").ExecuteAsync(http);
    }
}
