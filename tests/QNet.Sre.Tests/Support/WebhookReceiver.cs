using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace QNet.Sre.Tests.Support;

/// <summary>A webhook endpoint on loopback (HttpListener on a free port) that records every JSON body it receives.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public string Url { get; }

    public List<JsonDocument> Received { get; } = [];

    public int StatusCode { get; set; } = 200;

    public void Dispose()
    {
        // Close alone: Stop() then Close() makes the managed listener bind the port again for a moment to remove its
        // prefix, which fails with "Address already in use" when another test has taken the port in between.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        foreach (var d in Received)
        {
            d.Dispose();
        }
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(ctx.Request.InputStream);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            lock (Received)
            {
                Received.Add(JsonDocument.Parse(body));
            }

            ctx.Response.StatusCode = StatusCode;
            ctx.Response.Close();
        }
    }
}
