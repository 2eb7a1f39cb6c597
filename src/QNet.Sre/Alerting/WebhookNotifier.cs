using System.Net.Http.Json;

namespace QNet.Sre.Alerting;

/// <summary>Outcome of one webhook POST; failures are values (the receiver may be down).</summary>
public sealed record NotificationResult(bool Delivered, int? StatusCode, string? Error);

/// <summary>POSTs notifications as JSON to their webhook, as Alertmanager's webhook receiver does.</summary>
public sealed class WebhookNotifier(HttpClient http)
{
    public async Task<NotificationResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(notification.Url, notification.Message, cancellationToken).ConfigureAwait(false);
            return new NotificationResult(response.IsSuccessStatusCode, (int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase);
        }
        catch (HttpRequestException ex)
        {
            return new NotificationResult(false, null, ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new NotificationResult(false, null, "timed out: " + ex.Message);
        }
    }
}
