using QNet.Physics.States;

namespace QNet.Physics.Purification;

/// <summary>
/// BBPSSW recurrence purification (Bennett, Brassard, Popescu, Schumacher, Smolin, Wootters 1996):
/// each input is twirled to the Werner state of its fidelity, a bilateral CNOT is applied, the target pair
/// is measured in Z on both sides and the kept pair survives when the bits agree; the output is twirled to
/// Werner again. For inputs of fidelity F1, F2:
/// p = F1F2 + F1(1−F2)/3 + (1−F1)F2/3 + 5(1−F1)(1−F2)/9,  F' = [F1F2 + (1−F1)(1−F2)/9]/p.
/// </summary>
public static class BbpsswPurification
{
    /// <summary>One round on two copies of <paramref name="pair"/>.</summary>
    public static PurificationResult Apply(in BellDiagonalState pair) => Apply(pair, pair);

    /// <summary>
    /// One round keeping <paramref name="kept"/> and sacrificing <paramref name="sacrificed"/> (they may
    /// differ, as in entanglement pumping). Pure function; only the two fidelities matter.
    /// </summary>
    public static PurificationResult Apply(in BellDiagonalState kept, in BellDiagonalState sacrificed)
    {
        PurificationResult raw = BilateralCnot.Apply(BellDiagonalState.Werner(kept.Fidelity), BellDiagonalState.Werner(sacrificed.Fidelity));
        return raw with { State = BellDiagonalState.Werner(Math.Clamp(raw.State.Fidelity, 0, 1)) };
    }
}
