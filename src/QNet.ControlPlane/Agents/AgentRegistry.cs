using System.Collections.Frozen;
using QNet.Agent.Protocol.V1;

namespace QNet.ControlPlane.Agents;

/// <summary>
/// The node agents of the running network: one <see cref="AgentNode"/> per scenario node, whether its agent is
/// reachable (heard from within <see cref="SilenceTimeout"/> of the wall clock), and the commands in flight. What an
/// agent's telemetry says about the hardware goes to <see cref="CoherenceMeasured"/> (the twin listens).
/// </summary>
internal sealed class AgentRegistry
{
    /// <summary>How often an agent must be heard from (a telemetry batch or a heartbeat).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which a node's agent counts as unreachable: three missed heartbeats and some slack.</summary>
    public static readonly TimeSpan SilenceTimeout = TimeSpan.FromSeconds(5);

    private readonly FrozenDictionary<string, AgentNode> _nodes;
    private readonly TimeProvider _time;

    public AgentRegistry(IEnumerable<string> nodes, TimeProvider time)
    {
        _nodes = nodes.ToFrozenDictionary(n => n, n => new AgentNode(n), StringComparer.Ordinal);
        _time = time;
    }

    /// <summary>Told (node, T2 in seconds) for each memory coherence time an agent measured.</summary>
    public Action<string, double>? CoherenceMeasured { get; set; }

    /// <summary>The node's agent record; null for a node not in the network.</summary>
    public AgentNode? Find(string node) => _nodes.GetValueOrDefault(node);

    public IEnumerable<AgentNode> Nodes => _nodes.Values.OrderBy(n => n.Node, StringComparer.Ordinal);

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The node's state now.</summary>
    public AgentNodeState StateOf(AgentNode node) =>
        !node.EverConnected ? AgentNodeState.NoAgent
        : node.Connected && Now - node.LastSeen <= SilenceTimeout ? AgentNodeState.Reachable
        : AgentNodeState.Unreachable;

    /// <summary>
    /// Sets <c>qnet_node_reachable{node}</c> in <paramref name="tallies"/> for every node an agent has connected for (1
    /// reachable, 0 not), as <see cref="AgentMetrics"/> exports it. Simulation thread, before each history sample.
    /// </summary>
    public void SampleReachability(Telemetry.TallyBook tallies)
    {
        foreach (var node in Nodes)
        {
            if (node.EverConnected)
            {
                tallies.Of(Sre.MetricCatalogue.NodeReachable, "node", node.Node).Value = StateOf(node) == AgentNodeState.Reachable ? 1 : 0;
            }
        }
    }

    /// <summary>Applies an accepted batch once (by sequence) and passes its measurements on; true when it was new.</summary>
    public bool Apply(AgentNode node, TelemetryBatch batch)
    {
        if (!node.Record(batch, Now))
        {
            return false;
        }
        foreach (var s in batch.Samples)
        {
            if (s.Metric == Sre.MetricCatalogue.MemoryCoherenceTimeSeconds && s.Value > 0)
            {
                CoherenceMeasured?.Invoke(node.Node, s.Value);
            }
        }
        return true;
    }

    /// <summary>
    /// Sends <paramref name="command"/> to the node's agent and waits up to <paramref name="timeout"/> for its result;
    /// null result when the agent is not connected or did not answer in time (the refusal says which).
    /// </summary>
    public async Task<(CommandResult? Result, string? Refusal)> SendAsync(AgentNode node, Command command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (StateOf(node) != AgentNodeState.Reachable || node.Outbound is not { } outbound)
        {
            return (null, $"node '{node.Node}' has no reachable agent ({AgentNodeStates.Name(StateOf(node))})");
        }
        var reply = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Pending[command.Id] = reply;
        try
        {
            if (!outbound.TryWrite(new ControlMessage { Command = command }))
            {
                return (null, $"node '{node.Node}''s agent stream closed before the command was sent");
            }
            return (await reply.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            return (null, $"node '{node.Node}''s agent did not answer within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            node.Pending.TryRemove(command.Id, out _);
        }
    }
}
