using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Physics.Compute;

/// <summary>
/// Distributed compute over delivered pairs: a client offloads a gate to a server's <see cref="QuantumProcessor"/>.
/// The client's own operations are ideal (its errors fold into the pairs) and corrections are a Pauli frame. With
/// Bell-diagonal pairs, depolarising gates and readout flips every error is a Pauli, so each protocol is its ideal
/// gate followed by a Pauli channel, and its entanglement (process) fidelity F_e is the weight of "no error".
/// docs/physics.md gives the propagation rules; the tests check them against the full circuits on density matrices.
/// </summary>
public static class ComputeOffload
{
    /// <summary>
    /// Remote CNOT by the one-ebit protocol (Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317, 2000): control c at the
    /// client, target t on the server, pair (a at the client, b on the server). The client applies CNOT(c→a) and
    /// measures a in Z; the server applies CNOT(b→t) (error p₂ on b, t) and measures b in X (readout error r); each side
    /// corrects by the other's bit. An X (Z) error of the pair lands on t as X (on c as Z); a Z or Y of the gate error on b,
    /// or a readout flip, lands on c as Z.
    /// </summary>
    /// <returns>Entanglement fidelity of the two-qubit process to CNOT.</returns>
    public static double RemoteCnot(in BellDiagonalState pair, QuantumProcessor server)
    {
        ArgumentNullException.ThrowIfNull(server);
        // Output codes: c | t << 2 (PauliError's coding, I = 0, X = 1, Z = 2, Y = 3).
        PauliError fromPair = PauliError.Of(pair).Map(16, e => ((e & 2) != 0 ? 2 : 0) | ((e & 1) << 2));
        PauliError fromGate = PauliError.Depolarizing(2, server.TwoQubitGateError).Map(16, e => ((e & 2) != 0 ? 2 : 0) | ((e >> 2) << 2));
        PauliError fromReadout = PauliError.Flip(2, 2, server.ReadoutError);
        return fromPair.Then(fromGate).Then(fromReadout).None;
    }

    /// <summary>
    /// Teleport-in, gate, teleport-out: the client teleports its qubit to the server over <paramref name="inbound"/>, the
    /// server applies <paramref name="gate"/> (error p₁) and teleports the result back over <paramref name="outbound"/> with
    /// its Bell measurement (CNOT with error p₂, two readouts with error r each).
    /// </summary>
    /// <returns>Entanglement fidelity of the one-qubit process to <paramref name="gate"/>.</returns>
    public static double TeleportGate(in BellDiagonalState inbound, ServerGate gate, in BellDiagonalState outbound, QuantumProcessor server)
    {
        ArgumentNullException.ThrowIfNull(server);
        PauliError total = PauliError.Of(inbound)
            .Map(4, e => Conjugate(gate, e))
            .Then(PauliError.Depolarizing(1, server.SingleQubitGateError))
            // Bell measurement after CNOT(q→a): a Z part on q flips the X-type bit (→ Z on the output), an X part on a the
            // Z-type bit (→ X on the output).
            .Then(PauliError.Depolarizing(2, server.TwoQubitGateError).Map(4, e => (e & 2) | ((e >> 2) & 1)))
            .Then(PauliError.Flip(1, 1, server.ReadoutError))
            .Then(PauliError.Flip(1, 2, server.ReadoutError))
            .Then(PauliError.Of(outbound));
        return total.None;
    }

    /// <summary>Average gate fidelity over pure inputs from the entanglement fidelity of a d-dimensional process: (d·F_e + 1)/(d + 1) (Horodecki et al. 1999; Nielsen 2002).</summary>
    public static double AverageGateFidelity(double entanglementFidelity, int dimension) => (dimension * entanglementFidelity + 1) / (dimension + 1);

    /// <summary>Server time of one remote CNOT, seconds: its two-qubit gate and its readout.</summary>
    public static double RemoteCnotSeconds(QuantumProcessor server) => server.TwoQubitGateSeconds + server.MeasurementSeconds;

    /// <summary>Server time of one teleport-gate task, seconds: the gate, then the Bell measurement (a two-qubit gate and a readout).</summary>
    public static double TeleportGateSeconds(QuantumProcessor server) => server.SingleQubitGateSeconds + server.TwoQubitGateSeconds + server.MeasurementSeconds;

    // U·P·U† up to phase, on codes x | z << 1.
    private static int Conjugate(ServerGate gate, int e) => gate switch
    {
        ServerGate.H => ((e >> 1) & 1) | ((e & 1) << 1),
        ServerGate.S => (e & 1) | ((((e >> 1) ^ e) & 1) << 1),
        _ => e,
    };
}
