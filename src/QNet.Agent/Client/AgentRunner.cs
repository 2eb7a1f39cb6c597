using Grpc.Core;
using QNet.Agent.Devices;
using QNet.Agent.Protocol.V1;
using QNet.Agent.Telemetry;

namespace QNet.Agent.Client;

/// <summary>
/// Runs one agent: reads its telemetry source every interval into a bounded <see cref="TelemetryBuffer"/> whether or not
/// the control plane is there, keeps one <c>Connect</c> stream open (reconnecting with doubling backoff), resends what
/// the control plane has not acknowledged, and carries out the commands it receives. A refusal that retrying cannot
/// cure (another node's certificate, an incompatible protocol version) ends the run with its message.
/// </summary>
internal sealed class AgentRunner : IDisposable
{
    private readonly AgentOptions _options;
    private readonly ITelemetrySource _source;
    private readonly IDeviceControl _control;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _newBatch = new(0);

    public AgentRunner(AgentOptions options, ITelemetrySource source, IDeviceControl control, TimeProvider time, Action<string> log)
    {
        _options = options;
        _source = source;
        _control = control;
        _time = time;
        _log = log;
        Buffer = new TelemetryBuffer(options.BufferCapacity);
    }

    /// <summary>Telemetry not yet acknowledged, and what had to be dropped.</summary>
    public TelemetryBuffer Buffer { get; }

    /// <summary>Told the control plane's nominal parameters of the node on each registration.</summary>
    public Action<IReadOnlyDictionary<string, double>>? NominalReceived { get; init; }

    /// <summary>Successful registrations so far (1 after the first connect; more after reconnects).</summary>
    public int Registrations { get; private set; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; throws <see cref="AgentSetupException"/> on a refusal.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadLoopAsync(stop.Token);
        try
        {
            await ConnectLoopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var reading = _source.Read(_time.GetUtcNow());
            Buffer.Add(AgentWire.Batch(reading));
            _newBatch.Release();
            await Task.Delay(_options.TelemetryInterval, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        using var channel = AgentConnection.Open(_options);
        var client = new AgentControl.AgentControlClient(channel);
        var backoff = new ReconnectBackoff(_options.MinBackoff, _options.MaxBackoff);
        while (!cancellationToken.IsCancellationRequested)
        {
            int registrations = Registrations;
            TimeSpan wait;
            try
            {
                await SessionAsync(client, cancellationToken).ConfigureAwait(false);
                wait = backoff.After(registered: Registrations > registrations);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.Unauthenticated)
            {
                throw new AgentSetupException($"refused by the control plane: {e.Status.Detail}");
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                wait = backoff.After(registered: Registrations > registrations);
                _log($"control plane unreachable ({e.StatusCode}: {Short(e.Status.Detail)}); retrying in {wait.TotalSeconds:0.##} s, {Buffer.Count} batches buffered, {Buffer.Dropped} dropped");
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException && cancellationToken.IsCancellationRequested)
            {
                return; // stopping: a live call ends with RpcException(Cancelled), not OperationCanceledException
            }
            catch (IOException e) when (!cancellationToken.IsCancellationRequested)
            {
                wait = backoff.After(registered: Registrations > registrations);
                _log($"connection lost ({Short(e.Message)}); retrying in {wait.TotalSeconds:0.##} s");
            }
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SessionAsync(AgentControl.AgentControlClient client, CancellationToken cancellationToken)
    {
        using var call = client.Connect(cancellationToken: cancellationToken);
        using var writeLock = new SemaphoreSlim(1);
        await call.RequestStream.WriteAsync(new AgentMessage { Register = AgentWire.Register(_options, _source.Devices, _instance) }, cancellationToken).ConfigureAwait(false);
        if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) || call.ResponseStream.Current.Registered is not { } registered)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the control plane ended the stream before registering the agent"));
        }
        if (AgentProtocol.Incompatibility("control plane", registered.Version.Major, registered.Version.Minor, "agent") is { } refusal)
        {
            throw new AgentSetupException(refusal);
        }
        Registrations++;
        NominalReceived?.Invoke(registered.Nominal);
        Buffer.Register(registered.AcknowledgedSequence);
        var resend = Buffer.Pending();
        string range = resend.Count == 0 ? "" : $" (sequences {resend[0].Sequence}-{resend[^1].Sequence})";
        _log($"registered node {_options.Node} (protocol {AgentProtocol.Text}); resending {resend.Count} buffered batches{range}, {Buffer.Dropped} dropped so far");

        using var sessionStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = SendLoopAsync(call.RequestStream, writeLock, registered.AcknowledgedSequence, sessionStop.Token);
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var message = call.ResponseStream.Current;
                if (message.Ack is { } ack)
                {
                    Buffer.Acknowledge(ack.Sequence);
                }
                else if (message.Command is { } command)
                {
                    var outcome = AgentWire.Command(command) is { } c ? _control.Execute(c, _time.GetUtcNow()) : CommandOutcome.Refused("command: no action given");
                    await WriteAsync(call.RequestStream, writeLock, new AgentMessage { Result = AgentWire.Result(command.Id, outcome) }, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await sessionStop.CancelAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        throw new RpcException(new Status(StatusCode.Unavailable, "the control plane closed the stream"));
    }

    // Sends every buffered batch above the last one sent, then waits for the read loop's next batch.
    private async Task SendLoopAsync(IClientStreamWriter<AgentMessage> stream, SemaphoreSlim writeLock, ulong sent, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            while (Buffer.NextToSend(sent) is { } batch)
            {
                await WriteAsync(stream, writeLock, new AgentMessage { Telemetry = batch }, cancellationToken).ConfigureAwait(false);
                sent = batch.Sequence;
            }
            await _newBatch.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(IClientStreamWriter<AgentMessage> stream, SemaphoreSlim writeLock, AgentMessage message, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public void Dispose() => _newBatch.Dispose();

    private static string Short(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
