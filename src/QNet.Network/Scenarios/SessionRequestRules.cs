namespace QNet.Network.Scenarios;

/// <summary>
/// The one set of rules a session request must meet, whether it comes from a scenario file (the loader reports a
/// broken rule with file, line and field) or from <c>POST /api/v1/sessions</c> (a 400 naming the field). Each edge
/// spells its own field names (<c>rate</c> in files, <c>rateHz</c> over HTTP); the ranges and their phrases are here.
/// </summary>
public static class SessionRequestRules
{
    /// <summary>Fidelity target of every delivered pair, 0..1.</summary>
    public static RangeRule MinFidelity { get; } = new(0, true, 1, true, "must lie between 0 and 1");

    /// <summary>Requested pairs per second, in Hz: positive and finite.</summary>
    public static RangeRule RateHz { get; } = new(0, false, double.MaxValue, true, "must be a positive number of pairs per second");

    /// <summary>When the request arrives, in seconds of simulated time.</summary>
    public static RangeRule StartSeconds => RangeRule.SimulatedInstant;

    /// <summary>How long the session is served, in seconds (the kernel schedules its end).</summary>
    public static RangeRule DurationSeconds => RangeRule.SimulatedSpan;

    /// <summary>
    /// Age at which a stored pair is discarded, in seconds (the kernel schedules the discard). Zero is allowed: a pair
    /// must then be used in the instant (the attempt round) it is made.
    /// </summary>
    public static RangeRule CutoffSeconds { get; } = new(0, true, Scenario.MaxDurationSeconds, true, "must lie between 0 (a pair is used in the round it is made) and 100 days");

    /// <summary>Fewest pairs a request may ask for.</summary>
    public const long MinPairs = 1;

    /// <summary>Lowest admission priority.</summary>
    public const int MinPriority = -100;

    /// <summary>Highest admission priority.</summary>
    public const int MaxPriority = 100;

    /// <summary>Most memory slots a request may reserve per link end.</summary>
    public const int MaxMemorySlots = 1_000_000;

    /// <summary>What is wrong with a session id, or null when it follows <see cref="IdRule"/>.</summary>
    public static string? IdProblem(string? id) => IdRule.IsValid(id) ? null : IdRule.Requirement;

    /// <summary>What is wrong with an end point of a session (source, destination or GHZ party), or null.</summary>
    /// <param name="name">The node named.</param>
    /// <param name="node">Looks a node up by id (null when there is none).</param>
    public static string? EndpointProblem(string? name, Func<string, NodeSpec?> node) => name switch
    {
        null or "" => "is required",
        _ when node(name) is null => $"'{name}' is not a node of the network",
        _ when node(name) is { Kind: not NodeKind.End } n => $"'{name}' is a {ScenarioNames.Of(n.Kind)}; sessions run between end nodes",
        _ => null,
    };

    /// <summary>Fewest purification rounds a policy may ask for.</summary>
    public const int MinPurificationRounds = 1;

    /// <summary>Most purification rounds a policy may ask for (each round doubles the pairs a purified pair costs).</summary>
    public const int MaxPurificationRounds = 64;

    /// <summary>Why <c>parties</c> is refused on a session that is not ghz.</summary>
    public const string PartiesOnlyForGhz = "applies only to ghz sessions";

    /// <summary>Why a ghz session without parties is refused.</summary>
    public const string GhzNeedsParties =
        "a ghz session needs at least one party besides source and destination (a GHZ state of two nodes is a raw pair)";

    /// <summary>Target fidelity of a purification policy, 0..1.</summary>
    public static RangeRule PurificationTargetFidelity => RangeRule.Probability;

    /// <summary>What is wrong with a number of purification rounds, or null.</summary>
    public static string? PurificationRoundsProblem(long rounds) => rounds is >= MinPurificationRounds and <= MaxPurificationRounds
        ? null
        : $"must be between {MinPurificationRounds} and {MaxPurificationRounds} (got {rounds})";

    /// <summary>What is wrong with a purification scheme's spelling (<c>bbpssw</c>, <c>dejmps</c>), or null.</summary>
    public static string? PurificationSchemeProblem(string text) => ScenarioNames.PurificationSchemes.Problem("scheme", text);

    /// <summary>What is wrong with a purification mode's spelling (<c>recurrence</c>, <c>pumping</c>), or null.</summary>
    public static string? PurificationModeProblem(string text) => ScenarioNames.PurificationModes.Problem("mode", text);

    /// <summary>What is wrong with a purification scope's spelling (<c>end-to-end</c>, <c>link</c>), or null.</summary>
    public static string? PurificationScopeProblem(string text) => ScenarioNames.PurificationScopes.Problem("scope", text);

    /// <summary>
    /// What is wrong with a further party of a ghz session that names a node of the network, or null: it must be
    /// an end node (<see cref="EndpointProblem"/>) and not already a member (source, destination or an earlier party).
    /// </summary>
    public static string? PartyProblem(string name, string? source, string? destination, IEnumerable<string> earlier, Func<string, NodeSpec?> node) =>
        name == source || name == destination || earlier.Contains(name, StringComparer.Ordinal)
            ? $"node '{name}' is already a party of this session"
            : EndpointProblem(name, node);

    /// <summary>Why <c>gate</c> is refused on a remote-cnot compute session.</summary>
    public const string GateOnlyForTeleportGate = "applies only to circuit teleport-gate (a remote CNOT's gate is the CNOT)";

    /// <summary>What is wrong with a compute circuit's spelling (<c>remote-cnot</c>, <c>teleport-gate</c>), or null.</summary>
    public static string? ComputeCircuitProblem(string text) => ScenarioNames.ComputeCircuits.Problem("circuit", text);

    /// <summary>What is wrong with a server gate's spelling (<c>identity</c>, <c>x</c>, <c>y</c>, <c>z</c>, <c>h</c>, <c>s</c>), or null.</summary>
    public static string? ServerGateProblem(string text) => ScenarioNames.ServerGates.Problem("gate", text);

    /// <summary>What is wrong with the destination (the server) of a compute session that is a valid end node, or null.</summary>
    public static string? ComputeServerProblem(string destination, Func<string, NodeSpec?> node) => node(destination) is { Processor: null }
        ? $"node '{destination}' hosts no processor; the destination of a compute session is its server: give that node a processor"
        : null;

    /// <summary>What is wrong with a pair count, or null.</summary>
    public static string? PairsProblem(long pairs) => pairs >= MinPairs ? null : "must be at least 1";

    /// <summary>What is wrong with a priority, or null.</summary>
    public static string? PriorityProblem(long priority) =>
        priority is >= MinPriority and <= MaxPriority ? null : $"must be between {MinPriority} and {MaxPriority}";
}
