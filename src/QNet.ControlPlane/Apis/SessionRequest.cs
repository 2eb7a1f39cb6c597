using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Apis;

/// <summary>Body of <c>POST /api/v1/sessions</c> (JSON, camelCase). Units: fidelity 0..1, rate in pairs/s, times in seconds.</summary>
/// <param name="Id">Optional id (1 to 64 letters, digits, '-' and '_', as every id: <see cref="IdRule"/>); generated when absent.</param>
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
    /// <summary>Checks the request against the topology with the network's own rules (<see cref="SessionRequestRules"/>, the
    /// ones scenario files meet); returns field → message for each problem, the field spelt as on the wire.</summary>
    public Dictionary<string, string[]> Validate(Func<string, NodeSpec?> node)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Check(string field, string? problem)
        {
            if (problem is not null)
            {
                errors[field] = [problem];
            }
        }
        if (Id is not null)
        {
            Check("id", SessionRequestRules.IdProblem(Id));
        }

        Check("source", SessionRequestRules.EndpointProblem(Source, node));
        Check("destination", SessionRequestRules.EndpointProblem(Destination, node));
        if (!errors.ContainsKey("destination") && Destination == Source)
        {
            Check("destination", "must differ from source");
        }

        if (Application is not null && !TryApplication(Application, out _))
        {
            Check("application", $"must be {ScenarioNames.Alternatives(Applications)}");
        }

        if (MinFidelity is { } f)
        {
            Check("minFidelity", SessionRequestRules.MinFidelity.Problem(f));
        }

        if (RateHz is { } r)
        {
            Check("rateHz", SessionRequestRules.RateHz.Problem(r));
        }

        if (Pairs is { } p)
        {
            Check("pairs", SessionRequestRules.PairsProblem(p));
        }

        if (DurationSeconds is { } d)
        {
            Check("durationSeconds", SessionRequestRules.DurationSeconds.Problem(d));
        }

        if (Priority is { } pr)
        {
            Check("priority", SessionRequestRules.PriorityProblem(pr));
        }

        if (CutoffSeconds is { } c)
        {
            Check("cutoffSeconds", SessionRequestRules.CutoffSeconds.Problem(c));
        }

        return errors;
    }

    /// <summary>The scheduler's request (call after <see cref="Validate"/> found nothing).</summary>
    public SessionSpec ToSpec(string id)
    {
        SessionApplication app = SessionApplication.Raw;
        if (Application is not null)
        {
            TryApplication(Application, out app);
        }
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
    public static SessionRequest From(SessionSpec spec) => new(spec.Id, spec.Source, spec.Destination, ScenarioNames.Of(spec.Application),
        spec.MinFidelity, spec.RateHz, spec.Pairs, spec.DurationSeconds, spec.Priority, spec.CutoffSeconds);

    // ghz needs parties, which this request does not carry.
    private static readonly string[] Applications =
        [.. ScenarioNames.ApplicationNames.Where(n => ScenarioNames.TryApplication(n, out var a) && a != SessionApplication.Ghz)];

    private static bool TryApplication(string text, out SessionApplication app) =>
        ScenarioNames.TryApplication(text, out app) && app != SessionApplication.Ghz;
}
