namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// A device controller that serves its telemetry over HTTP (a Prometheus-text <c>/metrics</c> page, or a JSON-lines
/// endpoint): each read is one GET. A failed read throws <see cref="HttpRequestException"/> with the status, so the
/// agent can count it and try again on its next tick.
/// </summary>
public sealed class HttpVendorFeed(HttpClient client, Uri url) : IVendorFeed
{
    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url}: the device answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
