using System.Net;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Hosting;

/// <summary>How <c>qnet up</c> runs the control plane.</summary>
public sealed record ControlPlaneOptions
{
    /// <summary>Data folder: SQLite files, development PKI (default <c>./qnet-data</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>The network to run; null for the built-in metro network.</summary>
    public Scenario? Scenario { get; init; }

    /// <summary>HTTP port of the API, <c>/metrics</c> and the dashboard; 0 picks a free port.</summary>
    public int ApiPort { get; }

    /// <summary>HTTPS port of the ETSI key delivery API (mutual TLS); 0 picks a free port.</summary>
    public int EtsiPort { get; }

    /// <summary>PostgreSQL connection string; null for SQLite in the data folder.</summary>
    public string? Postgres { get; }

    /// <summary>Simulated seconds per wall-clock second (1 = real time).</summary>
    public double TimeFactor { get; }

    /// <summary>Listen address (loopback by default).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Longest wall-clock time between two twin steps.</summary>
    public TimeSpan StepInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long session events are kept in the store (twin time).</summary>
    public TimeSpan EventRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long received Alertmanager notifications are kept in the store (wall-clock time of receipt).</summary>
    public TimeSpan AlertNotificationRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How long downsampled metric samples are kept in the store (twin time).</summary>
    public TimeSpan SampleRetention { get; init; } = TimeSpan.FromDays(35);

    /// <summary>OpenSLO spec files; empty for the shipped defaults (deploy/slo/qnet-default.yaml).</summary>
    public IReadOnlyList<string> SloSpecFiles { get; init; } = [];

    /// <summary>Page and ticket webhooks for alert notifications (Alertmanager webhook payload); null sends none.</summary>
    public QNet.Sre.Alerting.AlertingOptions? Alerting { get; init; }

    /// <summary>
    /// OTLP/HTTP (protobuf) endpoint that receives the traces, e.g. <c>http://127.0.0.1:4318</c> (spans go to
    /// <c>/v1/traces</c> under it unless the URL already names a path); null exports no traces.
    /// </summary>
    public Uri? OtlpEndpoint
    {
        get;
        init => field = value is null || (value.IsAbsoluteUri && value.Scheme is "http" or "https")
            ? value
            : throw new ArgumentException($"otlp endpoint must be an absolute http(s) URL, not '{value}'", nameof(OtlpEndpoint));
    }

    /// <summary>The OTLP/HTTP traces URL: <c>/v1/traces</c> under a bare <see cref="OtlpEndpoint"/>, the URL itself when it names a path.</summary>
    public Uri? OtlpTracesUrl => OtlpEndpoint is not { } e ? null : e.AbsolutePath is "" or "/" ? new Uri(e, "v1/traces") : e;

    /// <summary>Wall-clock window of a session's herald, swap, delivery and loss spans (one span per window and kind).</summary>
    public TimeSpan TraceWindow
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TraceWindow), value, "trace window must be positive");
    } = Telemetry.SessionTracer.DefaultWindow;

    /// <summary>
    /// HTTPS port of the node-agent endpoint (gRPC over HTTP/2, mutual TLS with node certificates; docs/agents.md);
    /// 0 picks a free port; null (the default) serves none.
    /// </summary>
    public int? AgentPort
    {
        get;
        init => field = value is null or (>= 0 and <= 65535) ? value : throw new ArgumentOutOfRangeException(nameof(AgentPort), value, "agent port must be 0..65535");
    }

    /// <summary>Master key file of the key store; null for the Kms default resolution.</summary>
    public string? MasterKeyFile { get; init; }

    /// <summary>Reconcile QuantumSession and QuantumLink objects of a Kubernetes namespace (docs/kubernetes.md); null does not.</summary>
    public Kubernetes.KubernetesOptions? Kubernetes { get; init; }

    /// <summary>This replica's id among the replicas on one PostgreSQL store; null for host name and process id.</summary>
    public string? ReplicaId
    {
        get;
        init => field = value is null || (value.Length is > 0 and <= 128 && !value.Any(char.IsWhiteSpace))
            ? value
            : throw new ArgumentException($"replica id must be 1 to 128 characters without spaces, not '{value}'", nameof(ReplicaId));
    }

    /// <summary>The API URL other replicas forward requests to; null for http://ADDRESS:API-PORT/.</summary>
    public Uri? AdvertisedApiUrl
    {
        get;
        init => field = value is null || (value.IsAbsoluteUri && value.Scheme is "http" or "https")
            ? value
            : throw new ArgumentException($"advertised API URL must be an absolute http(s) URL, not '{value}'", nameof(AdvertisedApiUrl));
    }

    /// <summary>
    /// The simulated time the twin starts at (default zero, as <c>qnet up</c> always starts): tests start it late in the
    /// clock's range to reach the end of the twin's clock (<see cref="Twin.TwinClockEnd"/>) without running 106 days.
    /// </summary>
    internal Kernel.SimTime TwinStart { get; init; }

    /// <summary>Pace of the leader lease on PostgreSQL (docs/high-availability.md).</summary>
    public HighAvailability.LeaseTiming Lease { get; init; } = HighAvailability.LeaseTiming.Default;

    /// <summary>Creates validated options.</summary>
    public ControlPlaneOptions(string dataDirectory = "qnet-data", int apiPort = 8080, int etsiPort = 8443, string? postgres = null, double timeFactor = 1)
    {
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw new ArgumentException("data directory is required", nameof(dataDirectory));
        }

        if (apiPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(apiPort), apiPort, "api port must be 0..65535");
        }

        if (etsiPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(etsiPort), etsiPort, "etsi port must be 0..65535");
        }

        if (!(timeFactor is > 0 and <= 10_000))
        {
            throw new ArgumentOutOfRangeException(nameof(timeFactor), timeFactor, "time factor must be greater than 0 and at most 10000");
        }

        DataDirectory = dataDirectory;
        ApiPort = apiPort;
        EtsiPort = etsiPort;
        Postgres = string.IsNullOrWhiteSpace(postgres) ? null : postgres;
        TimeFactor = timeFactor;
    }

    /// <summary>The SQLite file of the control plane (when not on PostgreSQL).</summary>
    public string SqlitePath => Path.Combine(DataDirectory, "controlplane.db");
}
