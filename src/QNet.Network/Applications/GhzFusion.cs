using QNet.Physics.States;

namespace QNet.Network.Applications;

/// <summary>
/// GHZ states made at a hub that holds one half of a Bell pair with each of n−1 parties: the hub
/// projects its halves onto the GHZ basis (a CNOT cascade and measurements) and the parties correct,
/// leaving an n-qubit GHZ state (the hub keeps one qubit). Pauli errors on pair k's party qubit pass
/// through: X or Y flips its bit, Z or Y flips the phase. The state is right if no bit is flipped and
/// the number of phase flips is even: F = ½[Π(I_k + Z_k) + Π(I_k − Z_k)] (weights of Φ+ and Φ−).
/// (<see cref="QNet.Physics.Ghz.GhzFusion"/> is the other protocol: the hub measures all its halves out,
/// leaving GHZ among the parties only, which also survives all parties' bits flipping together.)
/// </summary>
public static class GhzFusion
{
    /// <summary>Fidelity to GHZ of the fused state.</summary>
    public static double Fidelity(IReadOnlyList<BellDiagonalState> pairs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs.Count, 1);
        double plus = 1, minus = 1;
        foreach (BellDiagonalState p in pairs)
        {
            plus *= p.PhiPlus + p.PhiMinus;
            minus *= p.PhiPlus - p.PhiMinus;
        }
        return (plus + minus) / 2;
    }

    /// <summary>
    /// Phase-estimation gain of an n-qubit GHZ state of fidelity F over n separate qubits, in the usual
    /// bound for GHZ-diagonal states: √n·(2F − 1) (√n at F = 1: the Heisenberg limit; below 1 it loses).
    /// </summary>
    public static double SensingGain(int qubits, double fidelity) => Math.Sqrt(qubits) * Math.Max(0, 2 * fidelity - 1);
}
