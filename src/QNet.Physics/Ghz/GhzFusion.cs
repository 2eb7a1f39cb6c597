using QNet.Physics.States;

namespace QNet.Physics.Ghz;

/// <summary>
/// GHZ distribution by fusion at a hub: the hub holds one half of n Bell pairs (the other halves at n end
/// nodes), applies CNOT from its first qubit to each other one, measures those in Z and the first in X, and
/// the ends apply Pauli corrections (X on end i for a 1 on hub qubit i, Z on end 1 for a 1 on the first).
/// With ideal hub operations and Bell-diagonal pairs, each pair's error acts as a Pauli on its end qubit,
/// and the n-qubit GHZ state survives exactly the error strings that stabilise it up to a sign: strings of
/// I/Z with an even number of Z, and strings of X/Y with an even number of Y. So
/// F = [Π(Iᵢ+Zᵢ) + Π(Iᵢ−Zᵢ)]/2 + [Π(Xᵢ+Yᵢ) + Π(Xᵢ−Yᵢ)]/2. For n = 2 this is the swap fidelity.
/// </summary>
public static class GhzFusion
{
    /// <summary>
    /// Fidelity to (|0…0⟩ + |1…1⟩)/√2 of the n-qubit state shared by the end nodes after fusing
    /// <paramref name="pairs"/> (at least 2) at an ideal hub.
    /// </summary>
    public static double Fidelity(ReadOnlySpan<BellDiagonalState> pairs)
    {
        if (pairs.Length < 2)
        {
            throw new ArgumentException($"A GHZ state needs at least 2 pairs; got {pairs.Length}.", nameof(pairs));
        }
        double iz = 1, iMinusZ = 1, xy = 1, xMinusY = 1;
        foreach (BellDiagonalState p in pairs)
        {
            iz *= p.PhiPlus + p.PhiMinus;
            iMinusZ *= p.PhiPlus - p.PhiMinus;
            xy *= p.PsiPlus + p.PsiMinus;
            xMinusY *= p.PsiPlus - p.PsiMinus;
        }
        return (iz + iMinusZ + xy + xMinusY) / 2;
    }
}
