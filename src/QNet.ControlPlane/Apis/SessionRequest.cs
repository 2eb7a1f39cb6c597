using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Apis;

/// <summary>Body of <c>POST /api/v1/sessions</c> (JSON, camelCase). Units: fidelity 0..1, rate in pairs/s, times in seconds.</summary>
/// <param name="Id">Optional id (1 to 64 letters, digits, '-' and '_', as every id: <see cref="IdRule"/>); generated when absent.</param>
/// <param name="Source">Source end node.</param>
/// <param name="Destination">Destination end node.</param>
/// <param name="Application">raw (default), teleport, ghz, qkd or compute.</param>
/// <param name="MinFidelity">Fidelity target 0..1 (default 0.5).</param>
/// <param name="RateHz">Requested pairs per second (optional).</param>
/// <param name="Pairs">Pairs wanted; the session completes when delivered (optional).</param>
/// <param name="DurationSeconds">How long to serve (optional; runs until cancelled otherwise).</param>
/// <param name="Priority">Admission priority (higher first).</param>
/// <param name="CutoffSeconds">Memory cutoff in seconds, 0 allowed (optional).</param>
/// <param name="Parties">Further end nodes of a ghz session beyond source (the hub) and destination; required for ghz, refused otherwise.</param>
/// <param name="Purification">Purification policy (optional; none when absent).</param>
/// <param name="Pipelining">False keeps the segments a pair covers idle until the end-to-end pair is delivered (default true).</param>
/// <param name="Compute">The offloaded circuit of a compute session (optional there, default remote-cnot; refused otherwise). The destination must host a processor.</param>
public sealed record SessionRequest(string? Id, string? Source, string? Destination, string? Application = null, double? MinFidelity = null,
    double? RateHz = null, long? Pairs = null, double? DurationSeconds = null, int? Priority = null, double? CutoffSeconds = null,
    IReadOnlyList<string?>? Parties = null, PurificationRequest? Purification = null, bool? Pipelining = null, ComputeRequest? Compute = null)
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

        var application = SessionApplication.Raw;
        if (Application is not null && !ScenarioNames.TryApplication(Application, out application))
        {
            Check("application", $"must be {ScenarioNames.Alternatives(ScenarioNames.ApplicationNames)}");
        }
        else if (application == SessionApplication.Ghz)
        {
            CheckParties(errors, node);
        }
        else if (Parties is not null)
        {
            Check("parties", SessionRequestRules.PartiesOnlyForGhz);
        }

        if (application == SessionApplication.Compute)
        {
            if (!errors.ContainsKey("destination"))
            {
                Check("destination", SessionRequestRules.ComputeServerProblem(Destination!, node));
            }
            Compute?.Validate("compute", errors);
        }
        else if (Compute is not null)
        {
            Check("compute", "applies only to sessions with application: compute");
        }

        Purification?.Validate("purification", errors);

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
            ScenarioNames.TryApplication(Application, out app);
        }
        return new SessionSpec(id, Source!, Destination!, app)
        {
            MinFidelity = MinFidelity ?? 0.5,
            RateHz = RateHz,
            Pairs = Pairs,
            DurationSeconds = DurationSeconds,
            Priority = Priority ?? 0,
            CutoffSeconds = CutoffSeconds,
            Parties = app == SessionApplication.Ghz && Parties is not null ? [.. Parties.Select(p => p!)] : [],
            Purification = Purification?.ToSpec(),
            Pipelining = Pipelining ?? true,
            Compute = app == SessionApplication.Compute ? (Compute ?? new ComputeRequest()).ToSpec() : null,
        };
    }

    /// <summary>The request that reproduces <paramref name="spec"/> (for storing scenario sessions).</summary>
    public static SessionRequest From(SessionSpec spec) => new(spec.Id, spec.Source, spec.Destination, ScenarioNames.Of(spec.Application),
        spec.MinFidelity, spec.RateHz, spec.Pairs, spec.DurationSeconds, spec.Priority, spec.CutoffSeconds,
        spec.Application == SessionApplication.Ghz ? [.. spec.Parties] : null,
        spec.Purification is { } p ? PurificationRequest.From(p) : null,
        spec.Pipelining ? null : false,
        spec.Compute is { } c ? ComputeRequest.From(c) : null);

    // A ghz session's further members: at least one, each an end node not already a member (the file's rules).
    private void CheckParties(Dictionary<string, string[]> errors, Func<string, NodeSpec?> node)
    {
        if (Parties is not { Count: > 0 })
        {
            errors["parties"] = [SessionRequestRules.GhzNeedsParties];
            return;
        }
        var earlier = new List<string>();
        for (int k = 0; k < Parties.Count; k++)
        {
            string name = Parties[k] ?? "";
            if (SessionRequestRules.PartyProblem(name, Source, Destination, earlier, node) is { } problem)
            {
                errors[$"parties[{k}]"] = [problem];
            }
            earlier.Add(name);
        }
    }
}
