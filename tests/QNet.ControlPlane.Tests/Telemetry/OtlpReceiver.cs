using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP trace receiver (what a collector's <c>otlphttp</c> receiver does): accepts protobuf
/// <c>POST /v1/traces</c>, decodes the spans and answers 200 with an empty <c>ExportTraceServiceResponse</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Base URL to give as <c>--otlp-endpoint</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Every span received.</summary>
    public ConcurrentQueue<OtlpSpan> Spans { get; } = new();

    /// <summary>Requests that were not protobuf POSTs to /v1/traces (path and content type), for failure messages.</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

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
            var request = context.Request;
            if (request.HttpMethod != "POST" || request.Url!.AbsolutePath != "/v1/traces" || request.ContentType != "application/x-protobuf")
            {
                Rejected.Enqueue($"{request.HttpMethod} {request.Url!.AbsolutePath} {request.ContentType}");
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            foreach (var span in OtlpSpanDecoder.Decode(body.ToArray()))
            {
                Spans.Enqueue(span);
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
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
