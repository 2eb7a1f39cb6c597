using System.Net;
using System.Text.Json;
using Grpc.Core;
using QNet.Agent.Protocol.V1;
using QNet.ControlPlane.Tests.Support;
using QNet.Sre;

namespace QNet.ControlPlane.Tests.Agents;

/// <summary>
/// The node-agent endpoint over real mutual TLS: a node's own certificate registers, streams telemetry and answers an
/// operator's command; every refusal (another node's certificate, an SAE certificate, another CA, an incompatible
/// version, a malformed or oversized message, a non-catalogue metric) is a gRPC status with a clear message and
/// leaves the node as it was.
/// </summary>
[Collection("servers")]
public sealed class AgentEndpointTests : IAsyncLifetime
{
    private AgentTestServer _server = null!;

    public async Task InitializeAsync() => _server = await AgentTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connect_OwnNodeCertificate_RegisteredTelemetryAcknowledgedAndListed()
    {
        var client = _server.Client(_server.NodeCertificate("alice"), out var channel);
        using var _ = channel;
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(AgentTestServer.Register("alice"));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var registered = call.ResponseStream.Current.Registered;
        Assert.Equal(1u, registered.Version.Major);
        Assert.Equal(10, registered.Nominal["memory.t2_seconds"]); // metro.yaml: alice t2 10 s

        await call.RequestStream.WriteAsync(new AgentMessage { Telemetry = Batch(1, MetricCatalogue.DetectorClicks, 17, "alice") });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(1UL, call.ResponseStream.Current.Ack.Sequence);

        var alice = await AgentAsync("alice");
        Assert.Equal("reachable", alice.GetProperty("state").GetString());
        Assert.Equal(1, alice.GetProperty("batches").GetInt64());
        Assert.Equal("no-agent", (await AgentAsync("bob")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Connect_ResentBatch_AppliedOnce()
    {
        var client = _server.Client(_server.NodeCertificate("carol"), out var channel);
        using var _ = channel;
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(AgentTestServer.Register("carol"));
        await call.ResponseStream.MoveNext(CancellationToken.None);

        await call.RequestStream.WriteAsync(new AgentMessage { Telemetry = Batch(1, MetricCatalogue.DetectorClicks, 1, "carol") });
        await call.RequestStream.WriteAsync(new AgentMessage { Telemetry = Batch(1, MetricCatalogue.DetectorClicks, 1, "carol") });
        await call.ResponseStream.MoveNext(CancellationToken.None);
        await call.ResponseStream.MoveNext(CancellationToken.None);

        Assert.Equal(1, (await AgentAsync("carol")).GetProperty("batches").GetInt64());
    }

    [Fact]
    public async Task Connect_CertificateNamesAnotherNode_PermissionDeniedNothingChanged()
    {
        var e = await RefusedAsync(_server.NodeCertificate("alice"), AgentTestServer.Register("bob"));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("names node 'alice', but the agent claims node 'bob'", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("no-agent", (await AgentAsync("bob")).GetProperty("state").GetString());
        Assert.Equal("no-agent", (await AgentAsync("alice")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Connect_SaeCertificate_PermissionDeniedNotANodeCertificate()
    {
        var sae = _server.Pki.IssueSae("sae-x");
        var e = await RefusedAsync(AgentTestServer.Load(sae.CertificatePath, sae.KeyPath), AgentTestServer.Register("alice"));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("not a node certificate", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("no-agent", (await AgentAsync("alice")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Connect_CertificateFromAnotherCa_PermissionDenied()
    {
        var other = new QNet.ControlPlane.Pki.DevPki(Path.Combine(_server.Root, "other-pki"), TimeProvider.System);
        other.Initialize();
        other.IssueNode("alice");
        var e = await RefusedAsync(AgentTestServer.Load(other.NodePathOf("alice", ".crt"), other.NodePathOf("alice", ".key")), AgentTestServer.Register("alice"));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("not issued by this control plane's CA", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("no-agent", (await AgentAsync("alice")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Connect_IncompatibleMajorVersion_FailedPreconditionNamingBothVersions()
    {
        var e = await RefusedAsync(_server.NodeCertificate("dave"), AgentTestServer.Register("dave", major: 2, minor: 1));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("agent speaks version 2.1", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("control plane speaks version 1.0", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("no-agent", (await AgentAsync("dave")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Connect_NewerMinorVersion_Registered()
    {
        var client = _server.Client(_server.NodeCertificate("dave"), out var channel);
        using var _ = channel;
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(AgentTestServer.Register("dave", major: 1, minor: 7));

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.NotNull(call.ResponseStream.Current.Registered);
    }

    [Fact]
    public async Task Connect_OversizedBatch_ResourceExhaustedNotApplied()
    {
        var client = _server.Client(_server.NodeCertificate("r1"), out var channel);
        using var _ = channel;
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(AgentTestServer.Register("r1"));
        await call.ResponseStream.MoveNext(CancellationToken.None);
        var big = Batch(1, MetricCatalogue.DetectorClicks, 1, "r1");
        big.Samples[0].Labels["padding"] = new string('x', 2 * 1024 * 1024);

        try
        {
            await call.RequestStream.WriteAsync(new AgentMessage { Telemetry = big });
        }
        catch (RpcException)
        {
            // The server may end the call while the client is still writing; its status arrives on the response side.
        }
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode == StatusCode.Cancelled ? call.GetStatus().StatusCode : e.StatusCode);
        Assert.Equal(0, (await AgentAsync("r1")).GetProperty("batches").GetInt64());
    }

    [Fact]
    public async Task Connect_UnknownMetric_InvalidArgumentNamingFieldNotApplied()
    {
        var client = _server.Client(_server.NodeCertificate("r2"), out var channel);
        using var _ = channel;
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(AgentTestServer.Register("r2"));
        await call.ResponseStream.MoveNext(CancellationToken.None);

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new AgentMessage { Telemetry = Batch(1, "vendor_counts_per_second", 3, "r2") });
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("telemetry.samples.metric:", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await AgentAsync("r2")).GetProperty("batches").GetInt64());
    }

    [Fact]
    public async Task Connect_MalformedMessage_InvalidArgument()
    {
        using var http = new HttpClient(_server.Handler(_server.NodeCertificate("hub")));
        // One gRPC frame (uncompressed, 3 bytes) whose payload is not a protobuf message (field 0 and a truncated varint).
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.AgentUrl, "/qnet.agent.v1.AgentControl/Connect"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 3, 0x00, 0xFF, 0xFF]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("TE", "trailers");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var s) ? s.Single()
            : response.Headers.GetValues("grpc-status").Single();
        var message = response.TrailingHeaders.TryGetValues("grpc-message", out var m) ? m.Single()
            : response.Headers.TryGetValues("grpc-message", out var hm) ? hm.Single() : "";
        Assert.Equal(((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
        Assert.Contains("malformed", Uri.UnescapeDataString(message), StringComparison.Ordinal);
        Assert.Equal("no-agent", (await AgentAsync("hub")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task SendCommand_ConnectedAgent_OperatorGetsAgentsResult()
    {
        var client = _server.Client(_server.NodeCertificate("bob"), out var channel);
        using var _ = channel;
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(AgentTestServer.Register("bob"));
        await call.ResponseStream.MoveNext(CancellationToken.None);

        var posting = _server.Operator.PostAsync("api/v1/agents/bob/commands", ControlPlaneServer.Json("""{"kind":"set-parameter","device":"detector-0","name":"dead_time_seconds","value":1e-7}"""));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var command = call.ResponseStream.Current.Command;
        Assert.Equal("dead_time_seconds", command.SetParameter.Name);
        await call.RequestStream.WriteAsync(new AgentMessage { Result = new CommandResult { Id = command.Id, Ok = true, Message = "done here" } });

        using var response = await posting;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.Equal("done here", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task SendCommand_UnknownKind_ProblemNamesKind()
    {
        using var response = await _server.Operator.PostAsync("api/v1/agents/bob/commands", ControlPlaneServer.Json("""{"kind":"reboot"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_AgentMeasuresT2Drop_TwinMemoryAndM5FollowWithoutApiCall()
    {
        var client = _server.Client(_server.NodeCertificate("hub"), out var channel);
        using var _ = channel;
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(AgentTestServer.Register("hub"));
        await call.ResponseStream.MoveNext(CancellationToken.None);

        await call.RequestStream.WriteAsync(new AgentMessage { Telemetry = Batch(1, MetricCatalogue.MemoryCoherenceTimeSeconds, 2.5, "hub") });

        // M5 is the twin's own probe (4,000 shots) once per simulated minute. The first estimate after the drop still waits
        // the old 10 s (four decay times: little signal, a wide spread); the next one waits about the new T2 (≈4 % noise)
        // and reads near 2.5 s, far from 10 s.
        using var metrics = new HttpClient { BaseAddress = _server.Host.ApiUrl };
        async Task<object?> HubM5(Func<double, bool> accept)
        {
            var values = PrometheusText.Values(await metrics.GetStringAsync("metrics"), MetricCatalogue.MemoryCoherenceTimeSeconds, ("node", "hub"));
            return values.Count == 1 && accept(values[0]) ? values[0] : null;
        }
        var fallen = (double)await ControlPlaneServer.EventuallyAsync(() => HubM5(v => v < 5), "M5 of hub to fall below 5 s");
        var m5 = (double)await ControlPlaneServer.EventuallyAsync(() => HubM5(v => v != fallen), "the next probe of hub");
        Assert.InRange(m5, 2.5 * 0.8, 2.5 * 1.2);
        using var faults = await _server.Operator.GetAsync("api/v1/faults");
        Assert.Equal(0, (await ControlPlaneServer.ReadJsonAsync(faults)).GetArrayLength());
    }

    private async Task<RpcException> RefusedAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, AgentMessage register)
    {
        var client = _server.Client(certificate, out var channel);
        using var _ = channel;
        using var call = client.Connect();
        return await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(register);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
    }

    private async Task<JsonElement> AgentAsync(string node)
    {
        using var response = await _server.Operator.GetAsync("api/v1/agents");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ControlPlaneServer.ReadJsonAsync(response)).EnumerateArray().Single(a => a.GetProperty("node").GetString() == node);
    }

    private static TelemetryBatch Batch(ulong sequence, string metric, double value, string node)
    {
        var batch = new TelemetryBatch { Sequence = sequence };
        var sample = new Sample { Metric = metric, Value = value };
        sample.Labels["node"] = node;
        batch.Samples.Add(sample);
        return batch;
    }
}
