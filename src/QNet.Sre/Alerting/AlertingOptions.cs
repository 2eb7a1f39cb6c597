namespace QNet.Sre.Alerting;

/// <summary>Where notifications go.</summary>
/// <param name="PageWebhookUrl">Webhook receiving page notifications.</param>
/// <param name="TicketWebhookUrl">Webhook receiving ticket notifications.</param>
/// <param name="ExternalUrl">URL of the alert manager (QNet's API or Alertmanager), sent as <c>externalURL</c>.</param>
public sealed record AlertingOptions(string PageWebhookUrl, string TicketWebhookUrl, string ExternalUrl)
{
    public AlertingOptions(string pageWebhookUrl, string ticketWebhookUrl)
        : this(pageWebhookUrl, ticketWebhookUrl, "http://127.0.0.1:8080")
    {
    }

    /// <summary>Placeholders on the local control plane; override with <c>--page-webhook</c> / <c>--ticket-webhook</c>.</summary>
    public static AlertingOptions Default { get; } = new("http://127.0.0.1:8080/api/alert-webhooks/page", "http://127.0.0.1:8080/api/alert-webhooks/ticket");

    public string PageWebhookUrl { get; } = Validate(PageWebhookUrl, nameof(PageWebhookUrl));

    public string TicketWebhookUrl { get; } = Validate(TicketWebhookUrl, nameof(TicketWebhookUrl));

    private static string Validate(string url, string field) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https")
            ? url
            : throw new ArgumentException($"{field} must be an absolute http(s) URL, not '{url}'", field);
}
