using QNet.Kernel;

namespace QNet.Qkd.Bb84;

/// <summary>
/// Pulse-level simulation of decoy-state BB84 over one link, exact in distribution without
/// visiting empty pulses. A pulse of class k carries Poisson(μk) photons; each reaches a detector
/// with η, so the photons reaching Bob are Poisson(ημk), split by basis match and misalignment
/// between the two detectors (independent Poisson streams). Each detector also clicks in the dark
/// with d = 1 − √(1−Y0). The chance that a pulse gives no click, (1−d)²e^{−ημk}, does not depend
/// on the bases, so the gap to the next clicked pulse is geometric with
/// p = Σk pk(1 − (1−d)²e^{−ημk}); the clicked pulse's class, bases and bit are then drawn from
/// their distribution conditioned on a click. After-pulsing, when enabled, raises the click
/// probability of the detector that just clicked in the next window only; that window is drawn
/// explicitly, after which geometric skipping resumes (the process is memoryless again).
/// </summary>
public sealed class DecoyBb84Simulator
{
    private readonly DecoyBb84Parameters _protocol;
    private readonly RandomStream _random;
    private readonly double _dark;
    private readonly double _ed;
    private readonly double[] _meanArriving = new double[DecoyBb84Parameters.IntensityClasses];
    private readonly double[] _classGivenClick = new double[DecoyBb84Parameters.IntensityClasses];
    private readonly double _clickProbability;
    private long _nextPulse;
    private int _afterpulseDetectors; // bit j set: detector j clicked in the previous window

    /// <summary>Creates a simulator that draws from <paramref name="random"/> (owned by this simulator from now on).</summary>
    public DecoyBb84Simulator(DecoyBb84Parameters protocol, QkdLink link, RandomStream random)
    {
        _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
        ArgumentNullException.ThrowIfNull(link);
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _dark = link.DarkCountProbabilityPerDetector;
        _ed = link.Misalignment;
        double total = 0;
        for (int k = 0; k < _meanArriving.Length; k++)
        {
            _meanArriving[k] = link.Transmittance * protocol.Intensity(k);
            double click = 1 - (1 - _dark) * (1 - _dark) * Math.Exp(-_meanArriving[k]);
            _classGivenClick[k] = protocol.Probability(k) * click;
            total += _classGivenClick[k];
        }
        for (int k = 0; k < _classGivenClick.Length; k++)
        {
            _classGivenClick[k] /= total;
        }
        _clickProbability = total;
    }

    /// <summary>Probability that a pulse (without after-pulse history) gives at least one click.</summary>
    public double ClickProbability => _clickProbability;

    /// <summary>Index of the next pulse to be sent.</summary>
    public long NextPulse => _nextPulse;

    /// <summary>
    /// Sends pulses until <paramref name="clicks"/> clicked pulses have been recorded, and returns them.
    /// The block ends at the last clicked pulse; the next call continues from the pulse after it.
    /// </summary>
    public DetectionRecords Run(int clicks) => Run(clicks, reuse: null);

    /// <summary>
    /// As <see cref="Run(int)"/>, but writes into the arrays of <paramref name="reuse"/> when it holds exactly
    /// <paramref name="clicks"/> records (a session's blocks all do): about 20 MB per 10⁶-bit block not
    /// reallocated. <paramref name="reuse"/> must no longer be read by its owner; the returned records replace it.
    /// </summary>
    internal DetectionRecords Run(int clicks, DetectionRecords? reuse)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clicks);
        bool fits = reuse is not null && reuse.PulseIndex.Length == clicks;
        var pulse = fits ? reuse!.PulseIndex : new long[clicks];
        var cls = fits ? reuse!.IntensityClass : new byte[clicks];
        var aBasis = fits ? reuse!.AliceBasis : new byte[clicks];
        var aBit = fits ? reuse!.AliceBit : new byte[clicks];
        var bBasis = fits ? reuse!.BobBasis : new byte[clicks];
        var bBit = fits ? reuse!.BobBit : new byte[clicks];
        long first = _nextPulse;
        int n = 0;
        while (n < clicks)
        {
            long index;
            int k, alice, bob, bit;
            int detectors;
            if (_afterpulseDetectors != 0)
            {
                index = _nextPulse;
                DrawPulse(out k, out alice, out bob, out bit);
                detectors = DrawDetectors(k, alice == bob, bit, _afterpulseDetectors, conditionOnClick: false);
                _nextPulse++;
                _afterpulseDetectors = 0;
                if (detectors == 0)
                {
                    continue;
                }
            }
            else
            {
                index = _nextPulse + _random.NextGeometric(_clickProbability) - 1;
                k = DrawClass();
                alice = _random.NextBernoulli(_protocol.ZBasisProbability) ? 0 : 1;
                bob = _random.NextBernoulli(_protocol.ZBasisProbability) ? 0 : 1;
                bit = (int)(_random.NextUInt64() >> 63);
                detectors = DrawDetectors(k, alice == bob, bit, 0, conditionOnClick: true);
                _nextPulse = index + 1;
            }
            if (_protocol.AfterpulseProbability > 0)
            {
                _afterpulseDetectors = detectors;
            }
            pulse[n] = index;
            cls[n] = (byte)k;
            aBasis[n] = (byte)alice;
            aBit[n] = (byte)bit;
            bBasis[n] = (byte)bob;
            bBit[n] = detectors switch
            {
                1 => 0,
                2 => 1,
                _ => (byte)(_random.NextUInt64() >> 63),
            };
            n++;
        }
        return new DetectionRecords(first, _nextPulse - first, pulse, cls, aBasis, aBit, bBasis, bBit, n);
    }

    private void DrawPulse(out int k, out int alice, out int bob, out int bit)
    {
        double u = _random.NextDouble();
        k = u < _protocol.SignalProbability ? 0 : u < _protocol.SignalProbability + _protocol.DecoyProbability ? 1 : 2;
        alice = _random.NextBernoulli(_protocol.ZBasisProbability) ? 0 : 1;
        bob = _random.NextBernoulli(_protocol.ZBasisProbability) ? 0 : 1;
        bit = (int)(_random.NextUInt64() >> 63);
    }

    private int DrawClass()
    {
        double u = _random.NextDouble();
        return u < _classGivenClick[0] ? 0 : u < _classGivenClick[0] + _classGivenClick[1] ? 1 : 2;
    }

    // Returns a bit mask of clicked detectors (bit 0: detector of value 0, bit 1: detector of value 1).
    private int DrawDetectors(int k, bool matched, int aliceBit, int afterpulse, bool conditionOnClick)
    {
        double m = _meanArriving[k];
        double toRight = matched ? m * (1 - _ed) : m / 2;
        double toWrong = matched ? m * _ed : m / 2;
        double mean0 = aliceBit == 0 ? toRight : toWrong;
        double mean1 = aliceBit == 0 ? toWrong : toRight;
        double ap = _protocol.AfterpulseProbability;
        // Probability that each detector stays silent: no photon, no dark count, no after-pulse.
        double silent0 = (1 - _dark) * Math.Exp(-mean0) * ((afterpulse & 1) != 0 ? 1 - ap : 1);
        double silent1 = (1 - _dark) * Math.Exp(-mean1) * ((afterpulse & 2) != 0 ? 1 - ap : 1);
        double only0 = (1 - silent0) * silent1;
        double only1 = silent0 * (1 - silent1);
        double both = (1 - silent0) * (1 - silent1);
        double any = only0 + only1 + both;
        double u = _random.NextDouble() * (conditionOnClick ? any : 1);
        return u < only0 ? 1 : u < only0 + only1 ? 2 : u < any ? 3 : 0;
    }
}
