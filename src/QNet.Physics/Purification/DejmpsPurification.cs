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

    /// <summary>
    /// The DEJMPS round on density matrices, exact for any input pairs (for example after amplitude damping):
    /// qubits (a1, b1) kept and (a2, b2) sacrificed; Rx(+π/2) on a1, a2 and Rx(−π/2) on b1, b2, CNOT(a1→a2),
    /// CNOT(b1→b2), a2 and b2 measured in Z, success on equal bits. The inputs are not changed.
    /// </summary>
    public static DensityPurificationResult Apply(DensityMatrix kept, DensityMatrix sacrificed)
    {
        if (kept.QubitCount != 2 || sacrificed.QubitCount != 2)
        {
            throw new ArgumentException($"Purification acts on two pairs; got {kept.QubitCount} and {sacrificed.QubitCount} qubits.", nameof(kept));
        }
        DensityMatrix rho = kept.Tensor(sacrificed);
        SingleQubitOperator alice = SingleQubitOperator.Rx(Math.PI / 2), bob = SingleQubitOperator.Rx(-Math.PI / 2);
        rho.ApplyUnitary(0, alice).ApplyUnitary(2, alice).ApplyUnitary(1, bob).ApplyUnitary(3, bob);
        rho.ApplyUnitary(0, 2, TwoQubitOperator.Cnot).ApplyUnitary(1, 3, TwoQubitOperator.Cnot);
        var branches = new List<(double, DensityMatrix)>(2);
        double success = 0;
        for (int bit = 0; bit < 2; bit++)
        {
            DensityMatrix branch = rho.Clone();
            double p = branch.OutcomeProbability(2, MeasurementBasis.Z, bit);
            if (p < 1e-15)
            {
                continue;
            }
            branch.Project(2, MeasurementBasis.Z, bit);
            double q = branch.OutcomeProbability(3, MeasurementBasis.Z, bit);
            if (q < 1e-15)
            {
                continue;
            }
            branch.Project(3, MeasurementBasis.Z, bit);
            success += p * q;
            branches.Add((p * q, branch.PartialTrace(0, 1)));
        }
        if (success <= 0)
        {
            return new DensityPurificationResult(0, DensityMatrix.MaximallyMixed(2));
        }
        return new DensityPurificationResult(success, DensityMatrix.Mixture(branches.Select(b => (b.Item1 / success, b.Item2))));
    }

    // Rx(π/2) ⊗ Rx(−π/2) maps the Pauli label σ on the second qubit to Rx(−π/2)·σ·Rx(π/2): X stays, Y ↔ Z.
    private static BellDiagonalState Rotate(in BellDiagonalState s) => new(s.PhiPlus, s.PsiPlus, s.PhiMinus, s.PsiMinus);
}
