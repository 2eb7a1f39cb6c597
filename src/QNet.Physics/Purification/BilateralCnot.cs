using QNet.Physics.States;

namespace QNet.Physics.Purification;

/// <summary>
/// The core of recurrence purification on Bell-diagonal pairs: a bilateral CNOT from the kept pair
/// (control) to the sacrificed pair (target), both target qubits measured in Z, success when the bits agree.
/// With Pauli labels (bit, phase) I = (0,0), X = (1,0), Y = (1,1), Z = (0,1): the CNOT copies the kept
/// pair's bit error onto the target and the target's phase error onto the kept pair; agreeing bits mean
/// the two bit errors were equal. So, with N the success probability,
/// I' = (I1I2 + Z1Z2)/N, X' = (X1X2 + Y1Y2)/N, Y' = (X1Y2 + Y1X2)/N, Z' = (I1Z2 + Z1I2)/N,
/// N = (I1 + Z1)(I2 + Z2) + (X1 + Y1)(X2 + Y2).
/// </summary>
internal static class BilateralCnot
{
    public static PurificationResult Apply(in BellDiagonalState kept, in BellDiagonalState sacrificed)
    {
        double i1 = kept.PhiPlus, x1 = kept.PsiPlus, y1 = kept.PsiMinus, z1 = kept.PhiMinus;
        double i2 = sacrificed.PhiPlus, x2 = sacrificed.PsiPlus, y2 = sacrificed.PsiMinus, z2 = sacrificed.PhiMinus;
        double n = (i1 + z1) * (i2 + z2) + (x1 + y1) * (x2 + y2);
        if (n <= 0)
        {
            return new PurificationResult(0, BellDiagonalState.MaximallyMixed);
        }
        var state = new BellDiagonalState(
            (i1 * i2 + z1 * z2) / n,
            (x1 * x2 + y1 * y2) / n,
            (x1 * y2 + y1 * x2) / n,
            (i1 * z2 + z1 * i2) / n);
        return new PurificationResult(n, state.Normalized());
    }
}
