using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>A loopback HTTP receiver that records every JSON body POSTed to it, with the path it went to.</summary>
public sealed class WebhookReceiver : LoopbackHttpReceiver
{
    public WebhookReceiver() => Serve();

    /// <summary>Prefix the receiver listens on, ending in '/'.</summary>
    public string BaseUrl => BaseUri.ToString();

    /// <summary>Received payloads in arrival order: request path and parsed body.</summary>
    public ConcurrentQueue<(string Path, JsonElement Body)> Received { get; } = new();

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using (var doc = await JsonDocument.ParseAsync(context.Request.InputStream))
        {
            Received.Enqueue((context.Request.Url!.AbsolutePath, doc.RootElement.Clone()));
        }
        context.Response.StatusCode = 200;
        context.Response.Close();
    }
}
