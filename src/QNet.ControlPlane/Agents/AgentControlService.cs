using System.Threading.Channels;
using Grpc.Core;
using QNet.Agent.Protocol.V1;

namespace QNet.ControlPlane.Agents;

/// <summary>
/// The control plane's end of <c>AgentControl.Connect</c>. The handshake is checked in this order, and a failure ends
/// the call with a status whose detail says what was wrong, before anything changes: the client certificate
/// (PermissionDenied), the protocol version (FailedPrecondition), the registration (InvalidArgument; NotFound for a
/// node not in the network). Then telemetry is applied once per sequence and acknowledged, commands go out through the
/// node's outbound queue, and results complete the operator's waiting request. A malformed batch ends the call
/// (InvalidArgument) without applying it; an oversized message is refused by the gRPC layer (ResourceExhausted).
/// </summary>
internal sealed class AgentControlService(AgentRegistry registry, NodeCertificates certificates, NodeNominals nominals)
    : AgentControl.AgentControlBase
{
    /// <summary>Commands and acknowledgements queued for one agent before the stream counts as stuck.</summary>
    public const int OutboundCapacity = 1024;

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ControlMessage> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await NextAsync(requestStream, ct).ConfigureAwait(false) || requestStream.Current.Register is not { } register)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message must be register"));
        }
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (certificates.Refusal(certificate, register.Node) is { } denied)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, denied));
        }
        var version = register.Version ?? new ProtocolVersion();
        if (ProtocolVersion.Incompatibility("agent", version.Major, version.Minor, "control plane") is { } incompatible)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, incompatible));
        }
        if (AgentTelemetryCheck.Problem(register) is { } invalid)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, invalid));
        }
        if (registry.Find(register.Node) is not { } node)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"register.node: '{register.Node}' is not a node of the running network"));
        }

        var outbound = Channel.CreateBounded<ControlMessage>(new BoundedChannelOptions(OutboundCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        var (connection, acknowledged) = node.Attach(register, outbound.Writer, registry.Now);
        try
        {
            var registered = new Registered
            {
                Version = ProtocolVersion.Current,
                HeartbeatIntervalMs = (uint)AgentRegistry.HeartbeatInterval.TotalMilliseconds,
                AcknowledgedSequence = acknowledged,
            };
            if (nominals.CoherenceSeconds.TryGetValue(node.Node, out var t2))
            {
                registered.Nominal["memory.t2_seconds"] = t2;
            }
            await responseStream.WriteAsync(new ControlMessage { Registered = registered }, ct).ConfigureAwait(false);
            var writing = WriteLoopAsync(outbound.Reader, responseStream, ct);
            try
            {
                await ReadLoopAsync(requestStream, node, outbound.Writer, ct).ConfigureAwait(false);
            }
            finally
            {
                outbound.Writer.TryComplete();
                await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            node.Detach(connection);
        }
    }

    private async Task ReadLoopAsync(IAsyncStreamReader<AgentMessage> requestStream, AgentNode node, ChannelWriter<ControlMessage> outbound, CancellationToken ct)
    {
        while (await NextAsync(requestStream, ct).ConfigureAwait(false))
        {
            var message = requestStream.Current;
            switch (message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Telemetry:
                    if (AgentTelemetryCheck.Problem(message.Telemetry, node) is { } problem)
                    {
                        throw new RpcException(new Status(StatusCode.InvalidArgument, problem));
                    }
                    registry.Apply(node, message.Telemetry);
                    outbound.TryWrite(new ControlMessage { Ack = new TelemetryAck { Sequence = message.Telemetry.Sequence } });
                    break;
                case AgentMessage.BodyOneofCase.Result:
                    node.Touch(registry.Now);
                    if (node.Pending.TryGetValue(message.Result.Id, out var waiting))
                    {
                        waiting.TrySetResult(message.Result);
                    }
                    break;
                case AgentMessage.BodyOneofCase.Heartbeat:
                    node.Touch(registry.Now);
                    break;
                case AgentMessage.BodyOneofCase.Register:
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "register: an agent registers once, as its first message"));
                default:
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "message: empty or of an unknown kind"));
            }
        }
    }

    // A message that does not parse as an AgentMessage ends the call with InvalidArgument, before anything is applied.
    private static async Task<bool> NextAsync(IAsyncStreamReader<AgentMessage> requestStream, CancellationToken ct)
    {
        try
        {
            return await requestStream.MoveNext(ct).ConfigureAwait(false);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "malformed message: not a valid qnet.agent.v1.AgentMessage"));
        }
    }

    private static async Task WriteLoopAsync(ChannelReader<ControlMessage> outbound, IServerStreamWriter<ControlMessage> responseStream, CancellationToken ct)
    {
        await foreach (var message in outbound.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(message, ct).ConfigureAwait(false);
        }
    }
}
