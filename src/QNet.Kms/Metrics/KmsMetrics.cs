using System.Diagnostics.Metrics;
using QNet.Sre;

namespace QNet.Kms.Metrics;

/// <summary>
/// Instruments of the meter <c>QNet.Kms</c>. Names are already in Prometheus form, so the OpenTelemetry Prometheus
/// exporter yields <c>qnet_kms_key_delivery_seconds</c> (histogram, unit s), <c>qnet_kms_requests_total</c>,
/// <c>qnet_kms_key_mismatches_total</c>, <c>qnet_kms_stored_keys</c> (gauge, per pool) and
/// <c>qnet_kms_audit_head_sequence</c> (gauge).
/// </summary>
public sealed class KmsMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "QNet.Kms";

    private readonly Meter _meter;
    private readonly Histogram<double> _delivery;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _mismatches;

    /// <summary>Creates the instruments; <paramref name="storedKeys"/> is polled on collection and returns (pool, keys of the default size).</summary>
    /// <param name="auditHead">Polled on collection: the audit trail's last sequence number. Scraped into Prometheus it
    /// is a record kept outside the store, so a trail whose tail was cut shows as a drop.</param>
    public KmsMetrics(Func<IEnumerable<(string Pool, long Keys)>> storedKeys, Func<long>? auditHead = null)
    {
        // Scoped to this instance: listeners subscribe by name across the process, and a host keeps its own KMS's
        // instruments by comparing Meter.Scope with its KeyManager's Metrics.
        _meter = new Meter(new MeterOptions(MeterName) { Scope = this });
        _delivery = _meter.CreateHistogram<double>(MetricCatalogue.KmsKeyDeliverySeconds, "s",
            "Time to serve an ETSI key request inside the KMS (M8), from validated request to keys ready.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _requests = _meter.CreateCounter<long>(MetricCatalogue.KmsRequests, null, "ETSI requests by endpoint and outcome (ok, bad_request, unauthorized, unavailable).");
        _mismatches = _meter.CreateCounter<long>(MetricCatalogue.KmsKeyMismatches, null, "Key blocks whose two KME copies disagreed and were quarantined.");
        _meter.CreateObservableGauge(MetricCatalogue.KmsStoredKeys,
            () => storedKeys().Select(p => new Measurement<long>(p.Keys, new KeyValuePair<string, object?>("pool", p.Pool))),
            null, "Keys of the default size available in each KME-pair pool.");
        if (auditHead is not null)
        {
            _meter.CreateObservableGauge(MetricCatalogue.KmsAuditHeadSequence, auditHead, null,
                "Sequence number of the KMS audit trail's last entry; it never decreases unless entries were removed.");
        }
    }

    /// <summary>The meter behind the instruments (tests listen to this instance only).</summary>
    internal Meter Meter => _meter;

    /// <summary>Records one served request's duration in seconds.</summary>
    public void RecordDelivery(string endpoint, double seconds) =>
        _delivery.Record(seconds, new KeyValuePair<string, object?>("endpoint", endpoint));

    /// <summary>Counts one request by endpoint (status, enc_keys, dec_keys) and outcome.</summary>
    public void CountRequest(string endpoint, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts one quarantined block.</summary>
    public void CountMismatch(string pool) => _mismatches.Add(1, new KeyValuePair<string, object?>("pool", pool));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
