namespace QNet.Network.Links;

/// <summary>
/// How much of the coherence of a photon-heralded Bell pair survives imperfect interference and
/// misrouted clicks, for the schemes whose photons from the two nodes meet at a midpoint station.
/// <para>
/// A true herald ideally leaves |Ψ±⟩ = (|01⟩ ± |10⟩)/√2, which the nodes correct to Φ+. Each heralding
/// photon contributes two factors to the coherence c (the off-diagonal term, which sets
/// F = (1 + c)/2 with the rest on Φ−):
/// the overlap of the two nodes' photon modes, |⟨ψ_A|ψ_B⟩| = √V with V the two-photon (Hong–Ou–Mandel)
/// visibility, because the which-node information left in the photon's time or frequency dephases the pair;
/// and 1 − 2e_d, because a click routed to the wrong detector with probability e_d makes the nodes
/// apply the wrong sign (Ψ+ ↔ Ψ−, a phase flip after correction). With n heralding photons
/// c = V^{n/2}·(1 − 2e_d)^n: single-click (n = 1) c = √V(1 − 2e_d); double-click (n = 2)
/// c = V(1 − 2e_d)², so ideal emitters give F = (1 + V)/2 (Barrett and Kok 2005; Bernien et al. 2013).
/// </para>
/// </summary>
internal static class HeraldCoherence
{
    /// <summary>Coherence left by <paramref name="photons"/> heralding photons: V^{n/2}·(1 − 2e_d)^n; exactly 1 for V = 1, e_d = 0.</summary>
    public static double Of(int photons, double visibility, double misalignment)
    {
        if (visibility == 1 && misalignment == 0)
        {
            return 1;
        }
        double perPhoton = Math.Sqrt(visibility) * (1 - 2 * misalignment);
        return Math.Pow(perPhoton, photons);
    }

    /// <summary>
    /// Splits the weight of true heralds between Φ+ (fraction (1 + c)/2) and Φ− (fraction (1 − c)/2).
    /// With c = 1 it returns (weight, 0) exactly, so ideal links keep their figures bit for bit.
    /// </summary>
    public static (double PhiPlus, double PhiMinus) Split(double weight, double coherence) =>
        coherence == 1 ? (weight, 0) : (weight * (1 + coherence) / 2, weight * (1 - coherence) / 2);
}
