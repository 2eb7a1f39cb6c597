using QNet.Kernel;
using QNet.Network.Qkd.Bb84;

namespace QNet.Network.Qkd.Bbm92;

/// <summary>
/// Pulse-level simulation of BBM92 with a pulsed SPDC source between Alice and Bob, exact in
/// distribution for matched bases, visiting only the pump pulses in which Alice's detectors click.
/// The source state is two independent two-mode squeezers (one per polarisation pair), each a
/// thermal mode of mean λ; a thermal count is Poisson with an exponentially distributed mean λX.
/// Given X, the pairs of a mode split into independent Poisson counts by which photons survive
/// (each photon independently with ηA and ηB). Alice clicks with probability
/// 1 − (1 − Y0)/(1 + ηAλ)², so the gap to her next click is geometric; her surviving photon count
/// is drawn conditioned on that click (negative binomial, split uniformly between the modes),
/// X from its posterior Gamma(1 + a, 1 + ηAλ), and Bob's photons forward from there. Bob's
/// photons go to the wrong detector with the misalignment probability; double clicks get a random
/// bit. In mismatched bases Bob's photons take a random detector each (those events are sifted
/// away). Coincidences (both sides click) are recorded; intensity class is always 0.
/// </summary>
public sealed class Bbm92SourceSimulator
{
    private readonly Bbm92Parameters _source;
    private readonly RandomStream _random;
    private readonly double _etaA, _etaB, _alpha, _dark, _ed, _lambda;
    private readonly double _aliceClick, _photonCase;
    private long _nextPulse;

    /// <summary>Creates a simulator for <paramref name="source"/> on <paramref name="link"/> (same detectors at both ends) drawing from <paramref name="random"/>.</summary>
    public Bbm92SourceSimulator(Bbm92Parameters source, QkdLink link, RandomStream random)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        ArgumentNullException.ThrowIfNull(link);
        _random = random ?? throw new ArgumentNullException(nameof(random));
        (_etaA, _etaB) = Bbm92Theory.SideTransmittances(source, link);
        _lambda = source.Lambda;
        _alpha = _etaA * _lambda;
        _dark = link.DarkCountProbabilityPerDetector;
        _ed = link.Misalignment;
        double none = 1 / ((1 + _alpha) * (1 + _alpha));
        _photonCase = 1 - none;
        _aliceClick = 1 - (1 - link.VacuumYield) * none;
    }

    /// <summary>Probability that Alice's detectors click in a pump pulse.</summary>
    public double AliceClickProbability => _aliceClick;

    /// <summary>Index of the next pump pulse.</summary>
    public long NextPulse => _nextPulse;

    /// <summary>Runs until <paramref name="coincidences"/> coincidences are recorded.</summary>
    public DetectionRecords Run(int coincidences)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(coincidences);
        var pulse = new long[coincidences];
        var cls = new byte[coincidences];
        var aBasis = new byte[coincidences];
        var aBit = new byte[coincidences];
        var bBasis = new byte[coincidences];
        var bBit = new byte[coincidences];
        long first = _nextPulse;
        int n = 0;
        Span<int> a = stackalloc int[2];
        Span<double> x = stackalloc double[2];
        Span<int> b = stackalloc int[2];
        while (n < coincidences)
        {
            long index = _nextPulse + _random.NextGeometric(_aliceClick) - 1;
            _nextPulse = index + 1;
            int alice = _random.NextBernoulli(_source.ZBasisProbability) ? 0 : 1;
            int bob = _random.NextBernoulli(_source.ZBasisProbability) ? 0 : 1;
            int aliceClicks; // bit j: Alice's detector j clicked
            if (_random.NextDouble() * _aliceClick < _photonCase)
            {
                int k = SurvivorsGivenAtLeastOne();
                a[0] = _random.NextInt(k + 1);
                a[1] = k - a[0];
                aliceClicks = (a[0] > 0 ? 1 : 0) | (a[1] > 0 ? 2 : 0) | (_random.NextBernoulli(_dark) ? 1 : 0) | (_random.NextBernoulli(_dark) ? 2 : 0);
            }
            else
            {
                a[0] = a[1] = 0;
                double d = _dark, only = d * (1 - d), u = _random.NextDouble() * (2 * only + d * d);
                aliceClicks = u < only ? 1 : u < 2 * only ? 2 : 3;
            }
            for (int i = 0; i < 2; i++)
            {
                x[i] = _random.NextGammaInteger(1 + a[i], 1 + _alpha);
            }
            // Bob's photons per mode: partners of Alice's survivors that survive, plus pairs Alice lost.
            for (int i = 0; i < 2; i++)
            {
                b[i] = _random.NextBinomialSmall(a[i], _etaB) + _random.NextPoisson((1 - _etaA) * _etaB * _lambda * x[i]);
            }
            int onDetector0, onDetector1;
            if (alice == bob)
            {
                int flip0 = _random.NextBinomialSmall(b[0], _ed), flip1 = _random.NextBinomialSmall(b[1], _ed);
                onDetector0 = b[0] - flip0 + flip1;
                onDetector1 = b[1] - flip1 + flip0;
            }
            else
            {
                onDetector0 = _random.NextBinomialSmall(b[0] + b[1], 0.5);
                onDetector1 = b[0] + b[1] - onDetector0;
            }
            int bobClicks = (onDetector0 > 0 || _random.NextBernoulli(_dark) ? 1 : 0) | (onDetector1 > 0 || _random.NextBernoulli(_dark) ? 2 : 0);
            if (bobClicks == 0)
            {
                continue;
            }
            pulse[n] = index;
            aBasis[n] = (byte)alice;
            bBasis[n] = (byte)bob;
            aBit[n] = BitOf(aliceClicks);
            bBit[n] = BitOf(bobClicks);
            n++;
        }
        return new DetectionRecords(first, _nextPulse - first, pulse, cls, aBasis, aBit, bBasis, bBit, n);
    }

    private byte BitOf(int clicks) => clicks switch
    {
        1 => 0,
        2 => 1,
        _ => (byte)(_random.NextUInt64() >> 63),
    };

    // Alice's surviving photons over both modes: P(k) = (k + 1)α^k/(1 + α)^{k+2}, conditioned on k ≥ 1, by inversion.
    private int SurvivorsGivenAtLeastOne()
    {
        double u = _random.NextDouble() * _photonCase;
        double ratio = _alpha / (1 + _alpha);
        double term = 1 / ((1 + _alpha) * (1 + _alpha)); // P(0)
        for (int k = 1; ; k++)
        {
            term *= ratio * (k + 1) / k; // P(k) from P(k − 1)
            u -= term;
            if (u < 0 || k > 10_000)
            {
                return k;
            }
        }
    }
}
