using System.Net;
using QNet.Kms;
using QNet.Kms.Supply;

namespace QNet.ControlPlane.Etsi;

/// <summary>How <see cref="EtsiKmsHost"/> runs the ETSI API on its own.</summary>
public sealed record EtsiKmsHostOptions
{
    /// <summary>Data directory holding <c>pki/</c> and (by default) <c>kms.db</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>HTTPS port; 0 picks a free one (see <see cref="EtsiKmsHostHandle.Port"/>).</summary>
    public int Port { get; }

    /// <summary>Listen address (default loopback).</summary>
    public IPAddress Address { get; }

    /// <summary>Store location (PostgreSQL connection string or SQLite path); null for the layout's default.</summary>
    public string? Store { get; }

    /// <summary>Master key file; null for <c>QNET_KMS_MASTER_KEY</c> or the development default.</summary>
    public string? MasterKeyFile { get; }

    /// <summary>The development key supplier's pace, or null to run without one (keys then come only from deposits).</summary>
    public DevKeySupplyOptions? DevSupply { get; }

    /// <summary>KMS behaviour.</summary>
    public KmsOptions Kms { get; }

    /// <summary>Period of the key-expiry sweep.</summary>
    public TimeSpan ExpirySweep { get; }

    /// <summary>
    /// Plain-HTTP port on <see cref="Address"/> serving the KMS meter at <c>/metrics</c> (Prometheus text); 0 picks a
    /// free one (see <see cref="EtsiKmsHostHandle.MetricsPort"/>); null (the default) serves no metrics. Under
    /// <c>qnet up</c> the control plane's <c>/metrics</c> carries the KMS meter instead.
    /// </summary>
    public int? MetricsPort
    {
        get => _metricsPort;
        init => _metricsPort = value is null or (>= 0 and <= 65535) ? value : throw new ArgumentOutOfRangeException(nameof(MetricsPort), value, "must be 0..65535");
    }

    private readonly int? _metricsPort;

    /// <summary>Creates validated options.</summary>
    public EtsiKmsHostOptions(string dataDirectory, int port = 8443, IPAddress? address = null, string? store = null, string? masterKeyFile = null,
        DevKeySupplyOptions? devSupply = null, KmsOptions? kms = null, TimeSpan? expirySweep = null)
    {
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw new ArgumentException("data directory is required", nameof(dataDirectory));
        }

        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "must be 0..65535");
        }

        var sweep = expirySweep ?? TimeSpan.FromSeconds(30);
        if (sweep <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expirySweep), sweep, "must be positive");
        }

        DataDirectory = dataDirectory;
        Port = port;
        Address = address ?? IPAddress.Loopback;
        Store = store;
        MasterKeyFile = masterKeyFile;
        DevSupply = devSupply;
        Kms = kms ?? new KmsOptions();
        ExpirySweep = sweep;
    }
}
