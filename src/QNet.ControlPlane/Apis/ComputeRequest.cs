using QNet.Network.Scenarios;
using QNet.Physics.Compute;

namespace QNet.ControlPlane.Apis;

/// <summary>The <c>compute</c> object of a compute session request: a scenario file's <c>compute</c> block, same spellings and rules.</summary>
/// <param name="Circuit">remote-cnot (default) or teleport-gate.</param>
/// <param name="Gate">The server's gate of teleport-gate: identity, x, y, z, h (default) or s; refused for remote-cnot.</param>
public sealed record ComputeRequest(string? Circuit = null, string? Gate = null)
{
    /// <summary>Adds each problem to <paramref name="errors"/>, the field spelt as on the wire under <paramref name="prefix"/>.</summary>
    internal void Validate(string prefix, Dictionary<string, string[]> errors)
    {
        if (Circuit is not null && SessionRequestRules.ComputeCircuitProblem(Circuit) is { } circuit)
        {
            errors[$"{prefix}.circuit"] = [circuit];
        }
        if (Gate is null)
        {
            return;
        }
        if (!ScenarioNames.TryComputeCircuit(Circuit ?? "remote-cnot", out var c) || c != ComputeCircuit.TeleportGate)
        {
            errors[$"{prefix}.gate"] = [SessionRequestRules.GateOnlyForTeleportGate];
        }
        else if (SessionRequestRules.ServerGateProblem(Gate) is { } gate)
        {
            errors[$"{prefix}.gate"] = [gate];
        }
    }

    /// <summary>The session's compute settings (call after <see cref="Validate"/> found nothing).</summary>
    internal ComputeSpec ToSpec()
    {
        var circuit = ComputeCircuit.RemoteCnot;
        if (Circuit is not null)
        {
            ScenarioNames.TryComputeCircuit(Circuit, out circuit);
        }
        if (circuit != ComputeCircuit.TeleportGate)
        {
            return new ComputeSpec(circuit);
        }
        var gate = ServerGate.H;
        if (Gate is not null)
        {
            ScenarioNames.TryServerGate(Gate, out gate);
        }
        return new ComputeSpec(circuit, gate);
    }

    /// <summary>The request that reproduces <paramref name="spec"/>.</summary>
    internal static ComputeRequest From(ComputeSpec spec) =>
        new(ScenarioNames.Of(spec.Circuit), spec.Circuit == ComputeCircuit.TeleportGate ? ScenarioNames.Of(spec.Gate) : null);
}
