using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QNet.Kms;
using QNet.Kms.Domain;

namespace QNet.ControlPlane.Etsi;

/// <summary>
/// The ETSI GS QKD 014 v1.1.1 REST endpoints under <c>/api/v1/keys</c>. The caller's SAE ID is its TLS client
/// certificate's subject CN; a <see cref="KeyManager"/> must be registered in DI.
/// </summary>
public static class EtsiKeyDeliveryApi
{
    /// <summary>Maps status, enc_keys (GET/POST) and dec_keys (GET/POST).</summary>
    public static IEndpointRouteBuilder MapEtsiKeyDeliveryApi(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/v1/keys");
        keys.MapGet("/{slave_SAE_ID}/status", GetStatusAsync);
        keys.MapGet("/{slave_SAE_ID}/enc_keys", GetEncKeysAsync);
        keys.MapPost("/{slave_SAE_ID}/enc_keys", PostEncKeysAsync);
        keys.MapGet("/{master_SAE_ID}/dec_keys", GetDecKeysAsync);
        keys.MapPost("/{master_SAE_ID}/dec_keys", PostDecKeysAsync);
        return endpoints;
    }

    private static async Task<IResult> GetStatusAsync(string slave_SAE_ID, HttpContext context)
    {
        var kms = context.RequestServices.GetRequiredService<KeyManager>();
        var caller = CallerOf(context);
        if (caller is null) return NoCertificate();
        var (result, failed) = await GuardAsync(context, kms.GetStatusAsync(caller, slave_SAE_ID, context.RequestAborted)).ConfigureAwait(false);
        if (failed is not null) return failed;
        if (!result.IsOk) return ErrorResult(result.Error!);
        var s = result.Value;
        var extension = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["qnet_key_policy"] = s.Policy.ToName() });
        return Results.Json(new EtsiStatus(s.SourceKmeId, s.TargetKmeId, s.MasterSaeId, s.SlaveSaeId, s.Limits.KeySize, s.StoredKeyCount,
            s.Limits.MaxKeyCount, s.Limits.MaxKeyPerRequest, s.Limits.MaxKeySize, s.Limits.MinKeySize, s.Limits.MaxSaeIdCount, extension), EtsiJson.Options);
    }

    private static Task<IResult> GetEncKeysAsync(string slave_SAE_ID, HttpContext context)
    {
        var query = context.Request.Query;
        if (query["number"].Count > 1 || query["size"].Count > 1)
            return Task.FromResult(ErrorResult(KmsError.Bad("request parameters shall not repeat", query["number"].Count > 1 ? "number" : "size", "given more than once")));
        var request = EtsiRequestParser.EncKeysFromQuery(query["number"].FirstOrDefault(), query["size"].FirstOrDefault());
        return EncKeysAsync(slave_SAE_ID, request, context);
    }

    private static async Task<IResult> PostEncKeysAsync(string slave_SAE_ID, HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null) return ErrorResult(KmsError.Bad("request body is too large", "body", $"more than {EtsiRequestParser.MaxBodyBytes} bytes"));
        return await EncKeysAsync(slave_SAE_ID, EtsiRequestParser.EncKeysFromBody(body.Value), context).ConfigureAwait(false);
    }

    private static async Task<IResult> EncKeysAsync(string slaveSaeId, KmsResult<EncKeysRequest> request, HttpContext context)
    {
        var kms = context.RequestServices.GetRequiredService<KeyManager>();
        var caller = CallerOf(context);
        if (caller is null) return NoCertificate();
        if (!request.IsOk) return ErrorResult(request.Error!);
        var (result, failed) = await GuardAsync(context, kms.GetEncKeysAsync(caller, slaveSaeId, request.Value, context.RequestAborted)).ConfigureAwait(false);
        return failed ?? (result.IsOk ? Container(result.Value) : ErrorResult(result.Error!));
    }

    private static Task<IResult> GetDecKeysAsync(string master_SAE_ID, HttpContext context)
    {
        var ids = context.Request.Query["key_ID"];
        if (ids.Count == 0) return Task.FromResult(ErrorResult(KmsError.Bad("key_ID shall be given", "key_ID", "missing")));
        return DecKeysAsync(master_SAE_ID, KmsResult<IReadOnlyList<string>>.Ok(ids.Select(v => v ?? "").ToList()), context);
    }

    private static async Task<IResult> PostDecKeysAsync(string master_SAE_ID, HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null) return ErrorResult(KmsError.Bad("request body is too large", "body", $"more than {EtsiRequestParser.MaxBodyBytes} bytes"));
        return await DecKeysAsync(master_SAE_ID, EtsiRequestParser.KeyIdsFromBody(body.Value), context).ConfigureAwait(false);
    }

    private static async Task<IResult> DecKeysAsync(string masterSaeId, KmsResult<IReadOnlyList<string>> ids, HttpContext context)
    {
        var kms = context.RequestServices.GetRequiredService<KeyManager>();
        var caller = CallerOf(context);
        if (caller is null) return NoCertificate();
        if (!ids.IsOk) return ErrorResult(ids.Error!);
        var (result, failed) = await GuardAsync(context, kms.GetDecKeysAsync(caller, masterSaeId, ids.Value, context.RequestAborted)).ConfigureAwait(false);
        return failed ?? (result.IsOk ? Container(result.Value) : ErrorResult(result.Error!));
    }

    /// <summary>
    /// The key container, serialized before the response starts so it goes out with a Content-Length in one write
    /// (one TLS record) rather than chunked.
    /// </summary>
    private static IResult Container(IReadOnlyList<DeliveredKey> keys)
    {
        var container = new EtsiKeyContainer(keys.Select(k => new EtsiKey(k.KeyId.ToString("D"), Convert.ToBase64String(k.Material),
            KeyExtension: new EtsiKeyExtension(k.Origin))).ToList());
        return new JsonBody(JsonSerializer.SerializeToUtf8Bytes(container, EtsiJson.Options));
    }

    /// <summary>A 200 with a ready JSON body: no range, entity-tag or file handling on the hottest path.</summary>
    private sealed class JsonBody(byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.Length;
            await response.BodyWriter.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Maps a refusal to its ETSI status code and error body.</summary>
    internal static IResult ErrorResult(KmsError error)
    {
        var status = error.Kind switch
        {
            KmsErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            KmsErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        var details = error.Details?.Select(d => new EtsiErrorDetail(d.Parameter, d.Reason)).ToList();
        return Results.Json(new EtsiError(error.Message, details), EtsiJson.Options, statusCode: status);
    }

    /// <summary>
    /// Awaits a KMS call; when it throws (its store failed) the answer is 503 with an ETSI error body, as the spec has
    /// it for server-side errors, rather than an empty 500. The store undid the request's writes, so the caller may
    /// retry. The cause is logged, not sent: it may name files or servers. A caller that went away is not answered.
    /// </summary>
    private static async Task<(T Result, IResult? Failed)> GuardAsync<T>(HttpContext context, Task<T> call) where T : struct
    {
        try
        {
            return (await call.ConfigureAwait(false), null);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            return (default, ServerError(context, e));
        }
    }

    private static IResult ServerError(HttpContext context, Exception error)
    {
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("QNet.Etsi")
            .LogError(error, "ETSI {Method} {Path} failed inside the KMS", context.Request.Method, context.Request.Path);
        return ErrorResult(KmsError.Unavailable("the KME could not complete the request; nothing was delivered, retry later"));
    }

    private static IResult NoCertificate() => ErrorResult(KmsError.Unauthorized("a client certificate is required"));

    private static string? CallerOf(HttpContext context) => EtsiMutualTls.SaeIdOf(context.Connection.ClientCertificate);

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > EtsiRequestParser.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
