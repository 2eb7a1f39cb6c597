using QNet.Sre.Alerting;
using QNet.Sre.Generation;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Generation;

/// <summary>
/// The generated Alertmanager configuration sends QNet's operator token (from a file beside it) to QNet's own alert
/// webhooks, which `qnet up` serves and authenticates, and no QNet credential to any other webhook.
/// </summary>
public sealed class AlertmanagerWebhookAuthTests
{
    [Fact]
    public void Write_DefaultWebhooks_BearerTokenFromFileOnBothReceivers()
    {
        var yaml = AlertmanagerConfigWriter.Write(AlertRoutingModel.Build(GeneratedOutput.DefaultSpecs, AlertingOptions.Default));

        foreach (var receiver in new[] { "page", "ticket" })
        {
            Assert.Contains($"""
                      - url: http://127.0.0.1:8080/api/alert-webhooks/{receiver}
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials_file: qnet-webhook.token
                """.Replace("\r\n", "\n"), yaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_ForeignWebhooks_NoQNetCredential()
    {
        var options = new AlertingOptions("https://pager.example/hook", "https://tickets.example/api/alert-webhooks/ticket");
        var yaml = AlertmanagerConfigWriter.Write(AlertRoutingModel.Build(GeneratedOutput.DefaultSpecs, options));

        Assert.Contains("- url: https://pager.example/hook", yaml, StringComparison.Ordinal);
        Assert.Equal(1, yaml.Split("credentials_file").Length - 1);
    }
}
