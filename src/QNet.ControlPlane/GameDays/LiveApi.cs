using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.GameDays;

/// <summary>A call to a live control plane that did not go through: what to tell the user (never .NET's exception text).</summary>
internal sealed class LiveTargetException(string message) : Exception(message);

/// <summary>
/// The HTTP calls of a live game day against <c>qnet up</c>'s admin API: bearer token on every call, a fresh W3C
/// <c>traceparent</c> on each action so its server-side trace carries the id the journal records, RFC 7807 problems read
/// back as "field: message". Synchronous: the runner is a single thread that waits on the target's clock anyway.
/// </summary>
internal sealed class LiveApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationToken _interrupt;

    /// <param name="target">Base URL of the control plane, e.g. http://127.0.0.1:8080/.</param>
    /// <param name="token">An operator token (<c>qnet token create --role operator</c>).</param>
    /// <param name="interrupt">Cancelled on Ctrl-C or SIGTERM; calls made while rolling back pass <see cref="CancellationToken.None"/>.</param>
    /// <param name="callTimeout">How long one call may take before the target counts as not answering (default <see cref="DefaultCallTimeout"/>).</param>
    public LiveApi(Uri target, string token, CancellationToken interrupt, TimeSpan? callTimeout = null)
    {
        _http = new HttpClient { BaseAddress = target, Timeout = callTimeout ?? DefaultCallTimeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _interrupt = interrupt;
    }

    /// <summary>
    /// Changes wait for the twin's command queue, which a lagging twin serves late: a generous timeout, so that a fault
    /// which lands after the client gave up (and escapes the rollback) stays unlikely.
    /// </summary>
    public static TimeSpan DefaultCallTimeout { get; } = TimeSpan.FromMinutes(2);

    public Uri Target => _http.BaseAddress!;

    /// <summary>A new random W3C trace id (32 hex digits).</summary>
    public static string NewTraceId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <param name="interruptible">A signal aborts the call (only while waiting on the target's clock; never while changing or rolling back).</param>
    /// <param name="acceptUnavailable">A 503 carries the answer (<c>/health</c> of a lagging twin).</param>
    public T Get<T>(string path, bool interruptible = false, bool acceptUnavailable = false)
    {
        var response = Send(HttpMethod.Get, path, null, null, interruptible);
        return Read<T>(acceptUnavailable && response.StatusCode == HttpStatusCode.ServiceUnavailable
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = response.Content } : response, path);
    }

    /// <summary>Sends a body; returns the parsed answer, or the problem's "field: message" when the target refused it (4xx).</summary>
    /// <param name="conflictHasBody">A 409 carries a <typeparamref name="T"/> (a refused session) rather than a problem.</param>
    public (T? Value, string? Problem) Send<T>(HttpMethod method, string path, object? body, string trace, bool conflictHasBody = false)
    {
        using var response = Send(method, path, body, trace, interruptible: false);
        if (conflictHasBody && response.StatusCode == HttpStatusCode.Conflict)
        {
            return (Read<T>(new HttpResponseMessage(HttpStatusCode.OK) { Content = response.Content }, path), null);
        }
        if ((int)response.StatusCode is >= 400 and < 500 and not 401 and not 403)
        {
            return (default, Problem(response));
        }
        return (Read<T>(response, path), null);
    }

    /// <summary>Sends a DELETE; true on 2xx, false on 404.</summary>
    public bool Delete(string path, string trace)
    {
        using var response = Send(HttpMethod.Delete, path, null, trace, interruptible: false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        Check(response, path);
        return true;
    }

    /// <summary>The raw text of <paramref name="path"/> (the Prometheus scrape).</summary>
    public string Text(string path, bool interruptible)
    {
        using var response = Send(HttpMethod.Get, path, null, null, interruptible);
        Check(response, path);
        return response.Content.ReadAsStringAsync(_interrupt).GetAwaiter().GetResult();
    }

    public void Dispose() => _http.Dispose();

    private HttpResponseMessage Send(HttpMethod method, string path, object? body, string? trace, bool interruptible)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: TwinPersistence.Json);
        }
        if (trace is not null)
        {
            request.Headers.TryAddWithoutValidation("traceparent", $"00-{trace}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        }
        try
        {
            return _http.Send(request, interruptible ? _interrupt : CancellationToken.None);
        }
        catch (HttpRequestException e)
        {
            throw new LiveTargetException($"--target: cannot reach {Target}: {e.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "connection refused or host unreachable",
                HttpRequestError.NameResolutionError => "the host name does not resolve",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                _ => "the request failed",
            }}");
        }
        catch (TaskCanceledException) when (!_interrupt.IsCancellationRequested || !interruptible)
        {
            throw new LiveTargetException($"--target: {Target} did not answer {method} {path} within {_http.Timeout.TotalSeconds:F0} s");
        }
    }

    private T Read<T>(HttpResponseMessage response, string path)
    {
        using (response)
        {
            Check(response, path);
            try
            {
                return response.Content.ReadFromJsonAsync<T>(TwinPersistence.Json, CancellationToken.None).GetAwaiter().GetResult()
                    ?? throw new LiveTargetException($"--target: {path} answered an empty body");
            }
            catch (JsonException)
            {
                throw new LiveTargetException($"--target: {path} did not answer the JSON a QNet control plane answers (is {Target} a `qnet up`?)");
            }
        }
    }

    private void Check(HttpResponseMessage response, string path)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                throw new LiveTargetException($"--token: {Target} refused the token (401); create one with `qnet token create --role operator`");
            case HttpStatusCode.Forbidden:
                throw new LiveTargetException($"--token: the token's role may not {path} (403); a game day needs an operator token");
            case var s when (int)s >= 400:
                throw new LiveTargetException($"--target: {path} answered {(int)s} {Problem(response)}");
        }
    }

    // "field: message" from a validation problem, else its title or detail.
    private static string Problem(HttpResponseMessage response)
    {
        try
        {
            using var doc = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            var root = doc.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    return $"{field.Name}: {(field.Value.ValueKind == JsonValueKind.Array && field.Value.GetArrayLength() > 0 ? field.Value[0].GetString() : field.Value.ToString())}";
                }
            }
            return root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : root.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "";
        }
    }
}
