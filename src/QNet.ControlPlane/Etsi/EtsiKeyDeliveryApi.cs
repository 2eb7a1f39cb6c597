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
        if (CallerOf(context, out var caller) is { } refused)
        {
            return refused;
        }

        var (result, failed) = await GuardAsync(context, kms.GetStatusAsync(caller, slave_SAE_ID, context.RequestAborted)).ConfigureAwait(false);
        if (failed is not null)
        {
            return failed;
        }

        if (!result.IsOk)
        {
            return ErrorResult(result.Error!);
        }

        var s = result.Value;
        var extension = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["qnet_key_policy"] = s.Policy.ToName() });
        return Results.Json(new EtsiStatus(s.SourceKmeId, s.TargetKmeId, s.MasterSaeId, s.SlaveSaeId, s.Limits.KeySize, s.StoredKeyCount,
            s.Limits.MaxKeyCount, s.Limits.MaxKeyPerRequest, s.Limits.MaxKeySize, s.Limits.MinKeySize, s.Limits.MaxSaeIdCount, extension), EtsiJson.Options);
    }

    private static Task<IResult> GetEncKeysAsync(string slave_SAE_ID, HttpContext context)
    {
        var query = context.Request.Query;
        if (query["number"].Count > 1 || query["size"].Count > 1)
        {
            return Task.FromResult(ErrorResult(KmsError.Bad("request parameters shall not repeat", query["number"].Count > 1 ? "number" : "size", "given more than once")));
        }

        var request = EtsiRequestParser.EncKeysFromQuery(query["number"].FirstOrDefault(), query["size"].FirstOrDefault());
        return EncKeysAsync(slave_SAE_ID, request, context);
    }

    private static async Task<IResult> PostEncKeysAsync(string slave_SAE_ID, HttpContext context)
    {
        if (UnsupportedMediaType(context) is { } refused)
        {
            return refused;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return ErrorResult(KmsError.Bad("request body is too large", "body", $"more than {EtsiRequestParser.MaxBodyBytes} bytes"));
        }

        return await EncKeysAsync(slave_SAE_ID, EtsiRequestParser.EncKeysFromBody(body.Value), context).ConfigureAwait(false);
    }

    private static async Task<IResult> EncKeysAsync(string slaveSaeId, KmsResult<EncKeysRequest> request, HttpContext context)
    {
        var kms = context.RequestServices.GetRequiredService<KeyManager>();
        if (CallerOf(context, out var caller) is { } refused)
        {
            return refused;
        }

        if (!request.IsOk)
        {
            return ErrorResult(request.Error!);
        }

        var (result, failed) = await GuardAsync(context, kms.GetEncKeysAsync(caller, slaveSaeId, request.Value, context.RequestAborted)).ConfigureAwait(false);
        return failed ?? (result.IsOk ? Container(result.Value) : ErrorResult(result.Error!));
    }

    private static Task<IResult> GetDecKeysAsync(string master_SAE_ID, HttpContext context)
    {
        var ids = context.Request.Query["key_ID"];
        if (ids.Count == 0)
        {
            return Task.FromResult(ErrorResult(KmsError.Bad("key_ID shall be given", "key_ID", "missing")));
        }

        return DecKeysAsync(master_SAE_ID, KmsResult<IReadOnlyList<string>>.Ok(ids.Select(v => v ?? "").ToList()), context);
    }

    private static async Task<IResult> PostDecKeysAsync(string master_SAE_ID, HttpContext context)
    {
        if (UnsupportedMediaType(context) is { } refused)
        {
            return refused;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return ErrorResult(KmsError.Bad("request body is too large", "body", $"more than {EtsiRequestParser.MaxBodyBytes} bytes"));
        }

        return await DecKeysAsync(master_SAE_ID, EtsiRequestParser.KeyIdsFromBody(body.Value), context).ConfigureAwait(false);
    }

    private static async Task<IResult> DecKeysAsync(string masterSaeId, KmsResult<IReadOnlyList<string>> ids, HttpContext context)
    {
        var kms = context.RequestServices.GetRequiredService<KeyManager>();
        if (CallerOf(context, out var caller) is { } refused)
        {
            return refused;
        }

        if (!ids.IsOk)
        {
            return ErrorResult(ids.Error!);
        }

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

    /// <summary>
    /// ETSI 014 bodies are JSON: a POST that declares another media type (text/plain, a form) is refused with 415 and the
    /// ETSI error body before its body is read. A POST without a Content-Type is read as JSON (an empty one asks enc_keys
    /// for its defaults).
    /// </summary>
    private static IResult? UnsupportedMediaType(HttpContext context)
    {
        var declared = context.Request.ContentType;
        if (string.IsNullOrEmpty(declared))
        {
            return null;
        }

        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(declared, out var media)
            && string.Equals(media.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var error = new EtsiError("request body shall be JSON (Content-Type: application/json)",
            [new EtsiErrorDetail("Content-Type", $"'{Printable(declared)}' is not application/json")]);
        return Results.Json(error, EtsiJson.Options, statusCode: StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>At most 64 printable ASCII characters of a client-supplied header, for an error body.</summary>
    private static string Printable(string text)
    {
        var kept = new string(text.Where(c => c is >= ' ' and <= '~').Take(64).ToArray());
        return text.Length > 64 ? kept + "..." : kept;
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

    /// <summary>
    /// The caller's SAE ID, or the 401 refusal when it has no certificate or its certificate was revoked since the
    /// connection's handshake (a keep-alive connection outlives a <c>qnet pki issue-sae --force</c>).
    /// </summary>
    private static IResult? CallerOf(HttpContext context, out string caller)
    {
        var certificate = context.Connection.ClientCertificate;
        caller = EtsiMutualTls.SaeIdOf(certificate) ?? "";
        if (certificate is null || caller.Length == 0)
        {
            return ErrorResult(KmsError.Unauthorized("a client certificate is required"));
        }

        if (context.RequestServices.GetService<Pki.SaeRevocationList>() is { } revocations && revocations.IsRevoked(certificate))
        {
            return ErrorResult(KmsError.Unauthorized("the client certificate was revoked (replaced by a newer one for this SAE)"));
        }

        return null;
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > EtsiRequestParser.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
