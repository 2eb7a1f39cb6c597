using System.Collections.Concurrent;
using System.Threading.Channels;
using QNet.Agent.Protocol.V1;

namespace QNet.ControlPlane.Agents;

/// <summary>
/// One node's agent as the control plane knows it: its registration, its live stream (an outbound queue of commands
/// and acknowledgements), when it was last heard from, and what its telemetry said. Guarded by its own lock; the
/// outbound queue and the pending commands are thread-safe themselves.
/// </summary>
internal sealed class AgentNode(string node)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, double> _latest = new(StringComparer.Ordinal);
    private long _connection;
    private long _instanceBatches;

    public string Node { get; } = node;

    /// <summary>Commands sent and not yet answered, by id.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource<CommandResult>> Pending { get; } = new(StringComparer.Ordinal);

    public bool EverConnected { get; private set; }
    public bool Connected { get; private set; }
    public DateTimeOffset LastSeen { get; private set; }
    public string Agent { get; private set; } = "";
    public string Instance { get; private set; } = "";
    public IReadOnlyList<Device> Devices { get; private set; } = [];
    public ulong LastSequence { get; private set; }

    /// <summary>
    /// Sequences of the current agent instance up to <see cref="LastSequence"/> this control plane never applied: the
    /// batches the agent dropped (and, after a restart of the control plane, those the previous run applied).
    /// </summary>
    public ulong MissedBatches
    {
        get
        {
            lock (_lock)
            {
                return LastSequence - (ulong)_instanceBatches;
            }
        }
    }

    public long Batches { get; private set; }
    public long Samples { get; private set; }
    public long HeraldAttempts { get; private set; }
    public long HeraldSuccesses { get; private set; }
    public ulong DroppedBatches { get; private set; }
    public long Connections { get; private set; }
    public ChannelWriter<ControlMessage>? Outbound { get; private set; }

    /// <summary>Latest value of each reported series (metric{labels}).</summary>
    public IReadOnlyDictionary<string, double> Latest
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, double>(_latest, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Takes a new stream for the node (a previous one is superseded: its id no longer matches); returns the stream's
    /// id and the last sequence already applied for this agent instance (0 for a new instance).
    /// </summary>
    public (long Connection, ulong Acknowledged) Attach(Register register, ChannelWriter<ControlMessage> outbound, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (register.Instance != Instance)
            {
                Instance = register.Instance;
                LastSequence = 0;
                _instanceBatches = 0;
            }
            Agent = register.Agent;
            Devices = [.. register.Devices];
            Outbound?.TryComplete();
            Outbound = outbound;
            Connected = true;
            EverConnected = true;
            LastSeen = now;
            Connections++;
            return (++_connection, LastSequence);
        }
    }

    /// <summary>Ends stream <paramref name="connection"/> unless a newer one replaced it.</summary>
    public void Detach(long connection)
    {
        lock (_lock)
        {
            if (connection == _connection)
            {
                Connected = false;
                Outbound?.TryComplete();
                Outbound = null;
            }
        }
    }

    public void Touch(DateTimeOffset now)
    {
        lock (_lock)
        {
            LastSeen = now;
        }
    }

    /// <summary>Records batch <paramref name="batch"/> unless its sequence was applied already; true when it is new.</summary>
    public bool Record(TelemetryBatch batch, DateTimeOffset now)
    {
        lock (_lock)
        {
            LastSeen = now;
            if (batch.Sequence <= LastSequence)
            {
                return false;
            }
            LastSequence = batch.Sequence;
            Batches++;
            _instanceBatches++;
            Samples += batch.Samples.Count;
            HeraldAttempts += batch.Heralds.Count;
            HeraldSuccesses += batch.Heralds.Count(h => h.Success);
            DroppedBatches = Math.Max(DroppedBatches, batch.DroppedBatches);
            foreach (var s in batch.Samples)
            {
                _latest[SeriesKey(s)] = s.Value;
            }
            return true;
        }
    }

    private static string SeriesKey(Sample s) =>
        s.Metric + "{" + string.Join(",", s.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}";
}
