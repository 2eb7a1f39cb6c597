using QNet.Physics.States;

namespace QNet.Physics.Purification;

/// <summary>
/// DEJMPS recurrence purification (Deutsch, Ekert, Jozsa, Macchiavello, Popescu, Sanpera 1996), no twirl:
/// Alice applies Rx(+π/2) and Bob Rx(−π/2) to both of their qubits, which leaves Φ+ and Ψ+ alone and swaps
/// Ψ− with Φ−; then a bilateral CNOT, both target qubits measured in Z, success when the bits agree.
/// In the paper's order A = Φ+, B = Ψ−, C = Ψ+, D = Φ− (ours is Φ+, Ψ+, Ψ−, Φ−):
/// N = (A1+B1)(A2+B2) + (C1+D1)(C2+D2), A' = (A1A2+B1B2)/N, B' = (C1D2+D1C2)/N,
/// C' = (C1C2+D1D2)/N, D' = (A1B2+B1A2)/N. On Werner inputs one round equals BBPSSW's; later rounds
/// purify faster because the output is not twirled.
/// </summary>
public static class DejmpsPurification
{
    /// <summary>One round on two copies of <paramref name="pair"/>.</summary>
    public static PurificationResult Apply(in BellDiagonalState pair) => Apply(pair, pair);

    /// <summary>One round keeping <paramref name="kept"/> and sacrificing <paramref name="sacrificed"/>. Pure function.</summary>
    public static PurificationResult Apply(in BellDiagonalState kept, in BellDiagonalState sacrificed) =>
        BilateralCnot.Apply(Rotate(kept), Rotate(sacrificed));

    // Rx(π/2) ⊗ Rx(−π/2) maps the Pauli label σ on the second qubit to Rx(−π/2)·σ·Rx(π/2): X stays, Y ↔ Z.
    private static BellDiagonalState Rotate(in BellDiagonalState s) => new(s.PhiPlus, s.PsiPlus, s.PhiMinus, s.PsiMinus);
}
