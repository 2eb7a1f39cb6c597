namespace QNet.ControlPlane.Agents;

/// <summary>Where a node stands with its agent.</summary>
internal enum AgentNodeState
{
    /// <summary>No agent has connected for the node since the control plane started (the twin alone runs it).</summary>
    NoAgent,

    /// <summary>Its agent is connected and heard from within the silence timeout.</summary>
    Reachable,

    /// <summary>Its agent was connected but has been silent longer than the silence timeout, or its stream ended.</summary>
    Unreachable,
}

/// <summary>The wire names of <see cref="AgentNodeState"/> (the one name table).</summary>
internal static class AgentNodeStates
{
    public static string Name(AgentNodeState state) => state switch
    {
        AgentNodeState.NoAgent => "no-agent",
        AgentNodeState.Reachable => "reachable",
        AgentNodeState.Unreachable => "unreachable",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
