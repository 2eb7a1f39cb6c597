using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.Theory;

namespace QNet.Qkd.Tests.PostProcessing;

/// <summary>Expected per-intensity counts of N pulses from the closed forms, and the leak f·n_Z·h(E_Z).</summary>
internal static class ExpectedCounts
{
    public static (DecoyCounts Counts, double Leak) For(DecoyBb84Parameters protocol, QkdLink link, double pulses)
    {
        double pz = protocol.ZBasisProbability, px = 1 - pz;
        var nz = new double[3];
        var nx = new double[3];
        var mx = new double[3];
        double zErrors = 0;
        for (int k = 0; k < 3; k++)
        {
            double q = DecoyBb84Theory.Gain(link.Transmittance, protocol.Intensity(k), link.VacuumYield);
            double e = DecoyBb84Theory.ErrorRate(link.Transmittance, protocol.Intensity(k), link.VacuumYield, link.Misalignment);
            nz[k] = pulses * protocol.Probability(k) * pz * pz * q;
            nx[k] = pulses * protocol.Probability(k) * px * px * q;
            mx[k] = nx[k] * e;
            zErrors += nz[k] * e;
        }
        double total = nz.Sum();
        double leak = protocol.ErrorCorrectionEfficiency * total * BinaryEntropy.Of(zErrors / total);
        return (new DecoyCounts(nz, nx, mx), leak);
    }
}
