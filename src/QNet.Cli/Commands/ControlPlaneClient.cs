using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using QNet.Cli.Commands.Faults;
using Spectre.Console;

namespace QNet.Cli.Commands;

/// <summary>
/// Calls the API of a running <c>qnet up</c> (<c>qnet faults</c>, <c>qnet incident</c>, <c>qnet config</c>) and turns every
/// failure into one clear line on stderr: an unreachable server, a refused token, or the problem details of a bad request
/// (field and message).
/// </summary>
/// <param name="settings">URL and token.</param>
/// <param name="operatorAction">What needs an operator token, for the 403 message.</param>
internal sealed class ControlPlaneClient(FaultsSettings settings, string operatorAction = "injecting and clearing faults") : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(settings.Url.TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", settings.EffectiveToken) },
    };

    /// <summary>Sends the request; the JSON body on success, null (the error already written) otherwise.</summary>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        await SendTextAsync(method, path, json, cancellationToken).ConfigureAwait(false) is { } text ? (text.Length == 0 ? default(JsonElement) : Parse(text)) : null;

    /// <summary>Sends the request; the body as text on success, null (the error already written) otherwise.</summary>
    public async Task<string?> SendTextAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            Fail($"cannot reach the control plane at {settings.Url}: is `qnet up` running there? (set --url)");
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Fail($"the control plane at {settings.Url} did not answer within 30 s");
            return null;
        }
        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return text;
            }
            Fail(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => "the token was refused (401): create one with `qnet token create`",
                HttpStatusCode.Forbidden => $"this token may only read (403): {operatorAction} needs an operator token",
                _ => Problem(response.StatusCode, text),
            });
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    // "magnitude: must lie ..." from problem details; the status and title otherwise.
    private static string Problem(HttpStatusCode status, string text)
    {
        if (Parse(text) is { ValueKind: JsonValueKind.Object } problem)
        {
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                return string.Join("; ", errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(v => v.GetString()))}"));
            }
            if (problem.TryGetProperty("detail", out var detail) || problem.TryGetProperty("title", out detail))
            {
                return $"{detail.GetString()} ({(int)status})";
            }
        }
        return $"the control plane answered {(int)status} {status}";
    }

    private static JsonElement? Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Fail(string message) => Output.Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
}
