using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>A loopback HTTP receiver that records every JSON body POSTed to it, with the path it went to.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Prefix the receiver listens on, ending in '/'.</summary>
    public string BaseUrl { get; }

    /// <summary>Received payloads in arrival order: request path and parsed body.</summary>
    public ConcurrentQueue<(string Path, JsonElement Body)> Received { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var doc = await JsonDocument.ParseAsync(context.Request.InputStream))
            {
                Received.Enqueue((context.Request.Url!.AbsolutePath, doc.RootElement.Clone()));
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
