using System.Collections.Concurrent;
using System.Net;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP trace receiver (what a collector's <c>otlphttp</c> receiver does): accepts protobuf
/// <c>POST /v1/traces</c>, decodes the spans and answers 200 with an empty <c>ExportTraceServiceResponse</c>.
/// </summary>
public sealed class OtlpReceiver : LoopbackHttpReceiver
{
    public OtlpReceiver() => Serve();

    /// <summary>Base URL to give as <c>--otlp-endpoint</c>.</summary>
    public Uri Endpoint => BaseUri;

    /// <summary>Every span received.</summary>
    public ConcurrentQueue<OtlpSpan> Spans { get; } = new();

    /// <summary>Requests that were not protobuf POSTs to /v1/traces (path and content type), for failure messages.</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        if (request.HttpMethod != "POST" || request.Url!.AbsolutePath != "/v1/traces" || request.ContentType != "application/x-protobuf")
        {
            Rejected.Enqueue($"{request.HttpMethod} {request.Url!.AbsolutePath} {request.ContentType}");
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
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
