namespace QNet.Physics.Compute;

/// <summary>
/// The single-qubit Clifford gate a server applies between teleport-in and teleport-out. Cliffords map Pauli errors to
/// Pauli errors, which keeps the offload's error a Pauli channel after the ideal gate.
/// </summary>
public enum ServerGate
{
    /// <summary>No gate (the qubit is stored and returned).</summary>
    Identity,

    /// <summary>Pauli X (NOT).</summary>
    X,

    /// <summary>Pauli Y.</summary>
    Y,

    /// <summary>Pauli Z.</summary>
    Z,

    /// <summary>Hadamard: X ↔ Z.</summary>
    H,

    /// <summary>Phase gate S = diag(1, i): X → Y, Y → −X.</summary>
    S,
}
