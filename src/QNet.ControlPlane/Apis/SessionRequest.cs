using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Apis;

/// <summary>Body of <c>POST /api/v1/sessions</c> (JSON, camelCase). Units: fidelity 0..1, rate in pairs/s, times in seconds.</summary>
/// <param name="Id">Optional id (letters, digits, '-', '_', '.'); generated when absent.</param>
/// <param name="Source">Source end node.</param>
/// <param name="Destination">Destination end node.</param>
/// <param name="Application">raw (default), teleport or qkd.</param>
/// <param name="MinFidelity">Fidelity target 0..1 (default 0.5).</param>
/// <param name="RateHz">Requested pairs per second (optional).</param>
/// <param name="Pairs">Pairs wanted; the session completes when delivered (optional).</param>
/// <param name="DurationSeconds">How long to serve (optional; runs until cancelled otherwise).</param>
/// <param name="Priority">Admission priority (higher first).</param>
/// <param name="CutoffSeconds">Memory cutoff in seconds (optional).</param>
public sealed record SessionRequest(string? Id, string? Source, string? Destination, string? Application = null, double? MinFidelity = null,
    double? RateHz = null, long? Pairs = null, double? DurationSeconds = null, int? Priority = null, double? CutoffSeconds = null)
{
    /// <summary>Checks the request against the topology; returns field → message for each problem.</summary>
    public Dictionary<string, string[]> Validate(Func<string, NodeSpec?> node)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [message];
        if (Id is not null && (Id.Length is 0 or > 64 || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            Add("id", "must be 1..64 characters of letters, digits, '-', '_' or '.'");
        }
        if (string.IsNullOrWhiteSpace(Source)) Add("source", "is required");
        else if (node(Source) is not { Kind: NodeKind.End }) Add("source", $"'{Source}' is not an end node of the network");
        if (string.IsNullOrWhiteSpace(Destination)) Add("destination", "is required");
        else if (node(Destination) is not { Kind: NodeKind.End }) Add("destination", $"'{Destination}' is not an end node of the network");
        else if (Destination == Source) Add("destination", "must differ from source");
        if (Application is not null && !TryApplication(Application, out _)) Add("application", "must be raw, teleport or qkd");
        if (MinFidelity is { } f && !(f is >= 0 and <= 1)) Add("minFidelity", "must lie between 0 and 1");
        if (RateHz is { } r && !(r > 0 && double.IsFinite(r))) Add("rateHz", "must be a positive number of pairs per second");
        if (Pairs is { } p && p <= 0) Add("pairs", "must be positive");
        if (DurationSeconds is { } d && !(d > 0 && d <= Scenario.MaxDurationSeconds)) Add("durationSeconds", "must be greater than 0 and at most 100 days");
        if (Priority is { } pr && pr is < -100 or > 100) Add("priority", "must lie between -100 and 100");
        if (CutoffSeconds is { } c && !(c > 0 && double.IsFinite(c))) Add("cutoffSeconds", "must be a positive number of seconds");
        return errors;
    }

    /// <summary>The scheduler's request (call after <see cref="Validate"/> found nothing).</summary>
    public SessionSpec ToSpec(string id)
    {
        TryApplication(Application ?? "raw", out var app);
        return new SessionSpec(id, Source!, Destination!, app)
        {
            MinFidelity = MinFidelity ?? 0.5,
            RateHz = RateHz,
            Pairs = Pairs,
            DurationSeconds = DurationSeconds,
            Priority = Priority ?? 0,
            CutoffSeconds = CutoffSeconds,
        };
    }

    /// <summary>The request that reproduces <paramref name="spec"/> (for storing scenario sessions).</summary>
    public static SessionRequest From(SessionSpec spec) => new(spec.Id, spec.Source, spec.Destination, spec.Application.ToString().ToLowerInvariant(),
        spec.MinFidelity, spec.RateHz, spec.Pairs, spec.DurationSeconds, spec.Priority, spec.CutoffSeconds);

    private static bool TryApplication(string text, out SessionApplication app)
    {
        switch (text)
        {
            case "raw": app = SessionApplication.Raw; return true;
            case "teleport": app = SessionApplication.Teleport; return true;
            case "qkd": app = SessionApplication.Qkd; return true;
            default: app = default; return false;
        }
    }
}
