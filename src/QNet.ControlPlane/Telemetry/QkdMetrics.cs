using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// QKD link instruments on the twin's meter (names from <see cref="MetricCatalogue"/>):
/// <c>qnet_qkd_key_verification_failures_total{link}</c>, <c>qnet_qkd_link_paused{link}</c>,
/// <c>qnet_qkd_link_pauses_total{link}</c> and <c>qnet_qkd_configuration_rollbacks_total{link}</c>. Counters are
/// added to from the QKD links' own tasks (OpenTelemetry counters are thread-safe); the paused gauge reads
/// whatever <see cref="ObservePaused"/> was given.
/// </summary>
internal sealed class QkdMetrics
{
    private readonly Counter<long> _verificationFailures;
    private readonly Counter<long> _pauses;
    private readonly Counter<long> _rollbacks;
    private volatile Func<IEnumerable<(string Link, bool Paused)>> _paused = () => [];

    /// <summary>Creates the instruments on <paramref name="meter"/>.</summary>
    public QkdMetrics(Meter meter)
    {
        _verificationFailures = meter.CreateCounter<long>(MetricCatalogue.QkdKeyVerificationFailures, null,
            "QKD key blocks whose two ends' keys did not agree (verification tag or KMS copy comparison), per link (F7).");
        _pauses = meter.CreateCounter<long>(MetricCatalogue.QkdLinkPauses, null, "Times key production on a QKD link was paused because its QBER passed the abort threshold.");
        _rollbacks = meter.CreateCounter<long>(MetricCatalogue.QkdConfigurationRollbacks, null,
            "Automatic rollbacks of a QKD link's post-processing configuration to the last version both ends shared (F7).");
        meter.CreateObservableGauge(MetricCatalogue.QkdLinkPaused,
            () => _paused().Select(p => new Measurement<int>(p.Paused ? 1 : 0, new KeyValuePair<string, object?>("link", p.Link))), null,
            "1 while key production on a QKD link is paused for its QBER, else 0.");
    }

    /// <summary>Where the paused gauge reads each link's state (the twin's QKD links).</summary>
    public void ObservePaused(Func<IEnumerable<(string Link, bool Paused)>> paused) => _paused = paused;

    /// <summary>Exports a link's counters at 0 so its series exist before the first failure.</summary>
    public void Register(string link)
    {
        var tag = new KeyValuePair<string, object?>("link", link);
        _verificationFailures.Add(0, tag);
        _pauses.Add(0, tag);
        _rollbacks.Add(0, tag);
    }

    public void VerificationFailed(string link) => _verificationFailures.Add(1, new KeyValuePair<string, object?>("link", link));

    public void Paused(string link) => _pauses.Add(1, new KeyValuePair<string, object?>("link", link));

    public void RolledBack(string link) => _rollbacks.Add(1, new KeyValuePair<string, object?>("link", link));
}
