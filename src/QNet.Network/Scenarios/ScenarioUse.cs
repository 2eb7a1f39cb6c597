namespace QNet.Network.Scenarios;

/// <summary>What a loaded scenario is for, which decides the checks that depend on how it will run.</summary>
public enum ScenarioUse
{
    /// <summary>
    /// A network to host (the twin of <c>qnet up</c>, the planner): every node and link must be
    /// buildable with physics the simulator accepts.
    /// </summary>
    Network,

    /// <summary>
    /// A run of <c>qnet simulate</c> or <c>qnet sweep</c> (and <c>qnet validate</c>, which answers
    /// for them): in addition, without sessions every link runs at once on its own memory slots,
    /// so each node needs a slot per link.
    /// </summary>
    Simulation,
}
