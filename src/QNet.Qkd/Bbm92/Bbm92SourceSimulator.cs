using QNet.Kernel;
using QNet.Qkd.Bb84;

namespace QNet.Qkd.Bbm92;

/// <summary>
/// Pulse-level simulation of BBM92 with a pulsed SPDC source between Alice and Bob, exact in
/// distribution for matched bases, visiting only the pump pulses that give a coincidence.
/// The source is two independent two-mode squeezers (one per polarisation pair), each a thermal
/// mode of mean λ; a thermal count is Poisson with mean λX, X ~ Exp(1). Given X, each mode's pairs
/// split into independent Poisson counts: both photons survive (N11, mean ηAηBλX), only Alice's
/// (a', mean ηA(1−ηB)λX), only Bob's (b', mean (1−ηA)ηBλX). Both ends click exactly when
/// E1 = {N11 ≥ 1} or E2 = {Alice has a' ≥ 1 or a dark click, and Bob has b' ≥ 1 or a dark click}.
/// The probability of that union is Ma–Fung–Lo's Q_λ, so the gap to the next coincidence is
/// geometric; the coincidence itself is drawn by the Karp–Luby–Madras union sampler: pick E1 or E2
/// in proportion to its probability, draw from it conditioned on it, keep with probability
/// 1/(number of the two events the draw satisfies). Conditioned on E1, N11 is negative binomial
/// (truncated at 0) and X follows its Gamma posterior; conditioned on E2, S = X1 + X2 is drawn by
/// rejection from the Gamma mixture S·e^{−S}(Y0 + α'S)(Y0 + β'S) that bounds it, and each side's
/// click source given S. Bob's photons go to the wrong detector with the misalignment probability;
/// double clicks get a random bit; in mismatched bases Bob's photons take a random detector each
/// (those events are sifted away). Intensity class is always 0.
/// </summary>
public sealed class Bbm92SourceSimulator
{
    private readonly Bbm92Parameters _source;
    private readonly RandomStream _random;
    private readonly double _both, _aliceOnly, _bobOnly, _dark, _y0, _ed;
    private readonly double _pE1, _pE2, _coincidence;
    private readonly double[] _mixture = new double[3];
    private long _nextPulse;

    /// <summary>Creates a simulator for <paramref name="source"/> on <paramref name="link"/> (same detectors at both ends) drawing from <paramref name="random"/>.</summary>
    public Bbm92SourceSimulator(Bbm92Parameters source, QkdLink link, RandomStream random)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        ArgumentNullException.ThrowIfNull(link);
        _random = random ?? throw new ArgumentNullException(nameof(random));
        var (etaA, etaB) = Bbm92Theory.SideTransmittances(source, link);
        double lambda = source.Lambda;
        _both = etaA * etaB * lambda;
        _aliceOnly = etaA * (1 - etaB) * lambda;
        _bobOnly = (1 - etaA) * etaB * lambda;
        _dark = link.DarkCountProbabilityPerDetector;
        _y0 = link.VacuumYield;
        _ed = link.Misalignment;
        _pE1 = 1 - 1 / ((1 + _both) * (1 + _both));
        double silent = 1 - _y0;
        _pE2 = 1 - silent / Sq(1 + _aliceOnly) - silent / Sq(1 + _bobOnly) + silent * silent / Sq(1 + _aliceOnly + _bobOnly);
        _coincidence = Bbm92Theory.Gain(lambda, etaA, etaB, _y0, _y0);
        // Weights of the Gamma(2), Gamma(3), Gamma(4) parts of the E2 proposal.
        _mixture[0] = _y0 * _y0;
        _mixture[1] = 2 * _y0 * (_aliceOnly + _bobOnly);
        _mixture[2] = 6 * _aliceOnly * _bobOnly;
    }

    /// <summary>Q_λ: probability that a pump pulse gives a coincidence.</summary>
    public double CoincidenceProbability => _coincidence;

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
        Span<int> alicePhotons = stackalloc int[2];
        Span<int> bobPhotons = stackalloc int[2];
        for (int n = 0; n < coincidences; n++)
        {
            long index = _nextPulse + _random.NextGeometric(_coincidence) - 1;
            _nextPulse = index + 1;
            int aliceDark, bobDark;
            while (!DrawCoincidence(alicePhotons, bobPhotons, out aliceDark, out bobDark))
            {
            }
            int alice = _random.NextBernoulli(_source.ZBasisProbability) ? 0 : 1;
            int bob = _random.NextBernoulli(_source.ZBasisProbability) ? 0 : 1;
            int aliceClicks = (alicePhotons[0] > 0 ? 1 : 0) | (alicePhotons[1] > 0 ? 2 : 0) | aliceDark;
            int on0, on1;
            if (alice == bob)
            {
                int flip0 = _random.NextBinomialSmall(bobPhotons[0], _ed), flip1 = _random.NextBinomialSmall(bobPhotons[1], _ed);
                on0 = bobPhotons[0] - flip0 + flip1;
                on1 = bobPhotons[1] - flip1 + flip0;
            }
            else
            {
                on0 = _random.NextBinomialSmall(bobPhotons[0] + bobPhotons[1], 0.5);
                on1 = bobPhotons[0] + bobPhotons[1] - on0;
            }
            int bobClicks = (on0 > 0 ? 1 : 0) | (on1 > 0 ? 2 : 0) | bobDark;
            pulse[n] = index;
            aBasis[n] = (byte)alice;
            bBasis[n] = (byte)bob;
            aBit[n] = BitOf(aliceClicks);
            bBit[n] = BitOf(bobClicks);
        }
        return new DetectionRecords(first, _nextPulse - first, pulse, cls, aBasis, aBit, bBasis, bBit, coincidences);
    }

    // One Karp–Luby–Madras proposal; false when rejected. Photon counts per mode (mode j feeds detector j).
    private bool DrawCoincidence(Span<int> alicePhotons, Span<int> bobPhotons, out int aliceDark, out int bobDark)
    {
        int satisfied;
        if (_random.NextDouble() * (_pE1 + _pE2) < _pE1)
        {
            // E1: at least one pair with both photons surviving.
            int k = TruncatedThermalPair(_both, _pE1);
            int k0 = _random.NextInt(k + 1);
            int[] both = [k0, k - k0];
            bool aliceExtra = false, bobExtra = false;
            for (int i = 0; i < 2; i++)
            {
                double x = _random.NextGammaInteger(1 + both[i], 1 + _both);
                int a = _random.NextPoisson(_aliceOnly * x), b = _random.NextPoisson(_bobOnly * x);
                alicePhotons[i] = both[i] + a;
                bobPhotons[i] = both[i] + b;
                aliceExtra |= a > 0;
                bobExtra |= b > 0;
            }
            aliceDark = FreeDarks();
            bobDark = FreeDarks();
            satisfied = 1 + ((aliceExtra || aliceDark != 0) && (bobExtra || bobDark != 0) ? 1 : 0);
        }
        else
        {
            // E2: each side clicks from its own unpaired photons or dark counts. S by rejection.
            double s;
            do
            {
                double u = _random.NextDouble() * (_mixture[0] + _mixture[1] + _mixture[2]);
                int shape = u < _mixture[0] ? 2 : u < _mixture[0] + _mixture[1] ? 3 : 4;
                s = _random.NextGammaInteger(shape, 1);
            }
            while (_random.NextDouble() * (_y0 + _aliceOnly * s) * (_y0 + _bobOnly * s) > SideClick(_aliceOnly * s) * SideClick(_bobOnly * s));
            double split = _random.NextDouble();
            int pairs = 0;
            for (int i = 0; i < 2; i++)
            {
                int both = _random.NextPoisson(_both * s * (i == 0 ? split : 1 - split));
                alicePhotons[i] = both;
                bobPhotons[i] = both;
                pairs += both;
            }
            aliceDark = SideGivenClick(_aliceOnly * s, split, alicePhotons);
            bobDark = SideGivenClick(_bobOnly * s, split, bobPhotons);
            satisfied = 1 + (pairs > 0 ? 1 : 0);
        }
        return satisfied == 1 || _random.NextDouble() < 1.0 / satisfied;
    }

    // P(one side clicks from unpaired photons of total mean m or darks) = 1 − (1 − Y0)e^{−m}.
    private double SideClick(double mean) => 1 - (1 - _y0) * Math.Exp(-mean);

    // Given that one side clicks from unpaired photons (mean m over both modes) or darks: adds the
    // unpaired photons to the modes and returns the dark-click mask.
    private int SideGivenClick(double mean, double split, Span<int> photons)
    {
        if (_random.NextDouble() * SideClick(mean) < -double.ExpM1(-mean))
        {
            int extra = TruncatedPoisson(mean);
            int first = _random.NextBinomialSmall(extra, split);
            photons[0] += first;
            photons[1] += extra - first;
            return FreeDarks();
        }
        double d = _dark, only = d * (1 - d), v = _random.NextDouble() * (2 * only + d * d);
        return v < only ? 1 : v < 2 * only ? 2 : 3;
    }

    private int FreeDarks() => (_random.NextBernoulli(_dark) ? 1 : 0) | (_random.NextBernoulli(_dark) ? 2 : 0);

    // Poisson(m) conditioned on at least 1, by inversion.
    private int TruncatedPoisson(double mean)
    {
        double u = _random.NextDouble() * -double.ExpM1(-mean);
        double term = Math.Exp(-mean);
        for (int k = 1; ; k++)
        {
            term *= mean / k;
            u -= term;
            if (u < 0 || k > 10_000)
            {
                return k;
            }
        }
    }

    // Sum of two thermal counts of mean c each, P(k) = (k + 1)c^k/(1 + c)^{k+2}, conditioned on k ≥ 1 (total probability pAtLeastOne), by inversion.
    private int TruncatedThermalPair(double c, double pAtLeastOne)
    {
        double u = _random.NextDouble() * pAtLeastOne;
        double ratio = c / (1 + c);
        double term = 1 / ((1 + c) * (1 + c));
        for (int k = 1; ; k++)
        {
            term *= ratio * (k + 1) / k;
            u -= term;
            if (u < 0 || k > 10_000)
            {
                return k;
            }
        }
    }

    private byte BitOf(int clicks) => clicks switch
    {
        1 => 0,
        2 => 1,
        _ => (byte)(_random.NextUInt64() >> 63),
    };

    private static double Sq(double x) => x * x;
}
