using System.Text.Json;
using Microsoft.AspNetCore.Http;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary>Reads JSON bodies so that a malformed one becomes problem details naming the field, and answers a full command queue with 503.</summary>
internal static class ApiBodies
{
    /// <summary>Largest accepted body, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    // Request bodies refuse fields the request does not have: a misspelt optional field ("minFidelty") would otherwise
    // be dropped and the request run on that field's default. Stored records keep the lenient options.
    private static readonly JsonSerializerOptions RequestJson = new(TwinPersistence.Json)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return (null, Invalid("body", $"must be at most {MaxBodyBytes} bytes"));
        }
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (null, Invalid("body", "must be JSON (Content-Type: application/json)"));
        }
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, RequestJson, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, Invalid("body", "must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            if (e.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            {
                return (null, Invalid(field, "is not a field of this request (check its spelling)"));
            }

            return (null, Invalid(field, "is not valid here: " + (e.Message.Split(". Path:")[0])));
        }
    }

    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");

    public static IResult Busy() => new RetryAfterResult(503, "the twin's command queue is full; retry shortly", 1);

    /// <summary>Awaits a queued command, or answers 503 when it could not be queued.</summary>
    public static async Task<IResult> RunAsync<T>(Task<T>? queued, Func<T, IResult> map) => queued is null ? Busy() : map(await queued.ConfigureAwait(false));

    /// <summary>Problem details with a Retry-After header (429 and 503).</summary>
    internal sealed class RetryAfterResult(int status, string detail, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(detail, statusCode: status).ExecuteAsync(httpContext);
        }
    }
}
