using QNet.Physics.Compute;

namespace QNet.Network.Scenarios;

/// <summary>The <c>compute</c> settings of a compute session: the circuit its client offloads to the destination's processor.</summary>
/// <param name="Circuit"><c>circuit</c>: remote-cnot (default) or teleport-gate.</param>
/// <param name="Gate"><c>gate</c>: the server's gate of a teleport-gate task (default h); identity for remote-cnot.</param>
public sealed record ComputeSpec(ComputeCircuit Circuit = ComputeCircuit.RemoteCnot, ServerGate Gate = ServerGate.Identity)
{
    /// <summary>End-to-end pairs one task consumes: 1 for remote-cnot, 2 for teleport-gate (in and out).</summary>
    public int PairsPerTask => Circuit == ComputeCircuit.TeleportGate ? 2 : 1;
}
