using QNet.Kernel;
using QNet.Qkd.Bb84;
using QNet.Qkd.Bbm92;
using QNet.Qkd.Theory;

namespace QNet.Qkd.Sweep;

/// <summary>The result of a sweep: one point per distance and the longest distance with key.</summary>
/// <param name="Points">Figures per distance, in the order of the requested distances.</param>
/// <param name="MaxDistanceKm">Longest simulated distance with a positive secret key, or null if none.</param>
public sealed record QkdSweepResult(IReadOnlyList<QkdDistancePoint> Points, double? MaxDistanceKm);

/// <summary>
/// Simulates a QKD protocol at each distance of a sweep, in parallel, with theory and the
/// repeaterless bound beside every simulated figure. Each distance derives its random stream from
/// the root seed and its length in metres, so the results are the same for any thread count.
/// </summary>
public static class QkdDistanceSweep
{
    /// <summary>Runs the sweep; <paramref name="onPoint"/> is called (from worker threads) as each distance finishes.</summary>
    public static QkdSweepResult Run(QkdSweepSettings settings, Action<QkdDistancePoint>? onPoint = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var points = new QkdDistancePoint[settings.DistancesMetres.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, points.Length, options, i =>
        {
            double metres = settings.DistancesMetres[i];
            var random = new RandomStream(settings.Seed).Derive((ulong)Math.Round(metres * 1000));
            var link = settings.Link.WithLength(metres);
            points[i] = settings.Protocol == QkdProtocol.Bb84Decoy
                ? RunBb84(settings, link, random)
                : RunBbm92(settings, link, random);
            onPoint?.Invoke(points[i]);
        });
        double? max = points.Where(p => p.SecretBits > 0).Select(p => (double?)p.DistanceKm).Max();
        return new QkdSweepResult(points, max);
    }

    /// <summary>One distance of decoy-state BB84.</summary>
    public static QkdDistancePoint RunBb84(QkdSweepSettings settings, QkdLink link, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(link);
        var protocol = settings.Bb84;
        var session = new DecoyBb84Session(protocol, link, settings.PostProcessing, random);
        var tally = new QkdBlockTally();
        long signalClicks = 0;
        for (int b = 0; b < settings.BlocksPerDistance; b++)
        {
            var r = session.RunBlock(settings.SiftedBitsPerBlock);
            tally.Add(r.Outcome, r.SiftedKeyBits, r.SampledQber, r.Cascade, r.SecretBits);
            signalClicks += (long)Math.Round(r.SignalGain * r.Pulses * protocol.SignalProbability);
        }
        long pulses = session.PulsesSent;
        double eta = link.Transmittance;
        double gainTheory = DecoyBb84Theory.Gain(eta, protocol.SignalIntensity, link.VacuumYield);
        double qberTheory = AverageQber(protocol, link);
        double perPulse = pulses == 0 ? 0 : (double)tally.SecretBits / pulses;
        return new QkdDistancePoint(
            link.Fiber.LengthMetres / 1000, link.ChannelTransmittance, pulses,
            pulses == 0 ? 0 : signalClicks / (pulses * protocol.SignalProbability),
            tally.Qber, tally.SiftedBits, tally.SecretBits, tally.ErrorCorrectionEfficiency,
            tally.Discarded, perPulse, perPulse * protocol.PulseRateHz,
            DecoyBb84Theory.AsymptoticRate(protocol, link),
            DecoyBb84Theory.VacuumWeakDecoyRate(protocol, link),
            gainTheory, qberTheory,
            PlobBound.BitsPerUse(link.ChannelTransmittance));
    }

    /// <summary>One distance of BBM92 with an SPDC source in the middle (or wherever <see cref="Bbm92Parameters.SourcePosition"/> puts it).</summary>
    public static QkdDistancePoint RunBbm92(QkdSweepSettings settings, QkdLink link, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(link);
        var source = settings.Bbm92;
        var session = new Bbm92Session(source, link, settings.PostProcessing, random);
        var tally = new QkdBlockTally();
        long coincidences = 0;
        for (int b = 0; b < settings.BlocksPerDistance; b++)
        {
            var r = session.RunBlock(settings.SiftedBitsPerBlock);
            tally.Add(r.Outcome, r.SiftedKeyBits, r.SampledQber, r.Cascade, r.SecretBits);
            coincidences += r.Coincidences;
        }
        long pulses = session.PulsesSent;
        var (etaA, etaB) = Bbm92Theory.SideTransmittances(source, link);
        double asymptotic = Bbm92Theory.AsymptoticRate(source, link);
        double perPulse = pulses == 0 ? 0 : (double)tally.SecretBits / pulses;
        return new QkdDistancePoint(
            link.Fiber.LengthMetres / 1000, link.ChannelTransmittance, pulses,
            pulses == 0 ? 0 : (double)coincidences / pulses,
            tally.Qber, tally.SiftedBits, tally.SecretBits, tally.ErrorCorrectionEfficiency,
            tally.Discarded, perPulse, perPulse * source.PulseRateHz,
            asymptotic, asymptotic,
            Bbm92Theory.Gain(source.Lambda, etaA, etaB, link.VacuumYield, link.VacuumYield),
            Bbm92Theory.ErrorRate(source.Lambda, etaA, etaB, link.VacuumYield, link.VacuumYield, link.Misalignment),
            PlobBound.BitsPerUse(link.ChannelTransmittance));
    }

    private static double AverageQber(DecoyBb84Parameters protocol, QkdLink link)
    {
        double gain = 0, errors = 0;
        for (int k = 0; k < DecoyBb84Parameters.IntensityClasses; k++)
        {
            double q = DecoyBb84Theory.Gain(link.Transmittance, protocol.Intensity(k), link.VacuumYield);
            gain += protocol.Probability(k) * q;
            errors += protocol.Probability(k) * q * DecoyBb84Theory.ErrorRate(link.Transmittance, protocol.Intensity(k), link.VacuumYield, link.Misalignment);
        }
        return gain == 0 ? 0 : errors / gain;
    }
}
