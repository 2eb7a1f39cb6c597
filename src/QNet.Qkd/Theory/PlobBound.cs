namespace QNet.Qkd.Theory;

/// <summary>
/// The repeaterless bound of Pirandola, Laurenza, Ottaviani and Banchi (Nat. Commun. 8, 15043, 2017):
/// no point-to-point protocol over a pure-loss channel of transmittance η distils more than
/// −log2(1−η) secret bits per channel use.
/// </summary>
public static class PlobBound
{
    /// <summary>The bound in secret bits per channel use (per pulse) for transmittance <paramref name="transmittance"/> in [0, 1].</summary>
    public static double BitsPerUse(double transmittance)
    {
        if (double.IsNaN(transmittance) || transmittance is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(transmittance), transmittance, "transmittance must lie between 0 and 1.");
        }
        return transmittance >= 1 ? double.PositiveInfinity : -Math.Log2(1 - transmittance);
    }
}
