using System.Text.Json;
using System.Text.Json.Serialization;
using QNet.Network.Links;
using QNet.Network.Simulation;

namespace QNet.Cli.Output;

/// <summary>
/// The machine-readable result of <c>qnet simulate</c>. With several runs, figures are means over the
/// runs and <c>standardErrors</c> holds their standard errors; <c>events</c> counts all runs.
/// Undefined figures (a mean fidelity with no pair) are null. Figures of the machine (wall-clock time, events per
/// wall second) are all in <c>wallClock</c>, so two runs of the same seed are equal everywhere else.
/// </summary>
internal sealed record SimulationDocument(
    string Scenario,
    ulong Seed,
    int Runs,
    string Engine,
    long Events,
    double SimulatedSeconds,
    IReadOnlyList<LinkDocument> Links,
    IReadOnlyList<SessionDocument> Sessions,
    WallClockDocument WallClock)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static SimulationDocument From(string scenario, SimulationSummary summary, double wallSeconds, LinkEngine engine) => new(
        scenario,
        summary.Seed,
        summary.Runs.Count,
        engine == LinkEngine.PerAttempt ? "per-attempt" : "skipping",
        summary.Events,
        summary.SimulatedSeconds,
        summary.Links.Select(l => LinkDocument.From(l, summary.Runs.Count > 1)).ToArray(),
        summary.Sessions.Select(x => SessionDocument.From(x, summary.Runs.Count > 1)).ToArray(),
        new WallClockDocument(wallSeconds, Finite(summary.Events / wallSeconds)))
    {
        Switches = SwitchDocument.From(summary.Runs),
    };

    /// <summary>The switch nodes' figures; null (left out of the JSON) for a scenario without switches.</summary>
    public IReadOnlyList<SwitchDocument>? Switches { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>One link in <see cref="SimulationDocument"/>.</summary>
internal sealed record LinkDocument(
    string Id,
    string Scheme,
    double? Attempts,
    double? Pairs,
    double? PairsPerSecond,
    double? SuccessProbability,
    double? MeanFidelity,
    double? MeanHeraldingLatencySeconds,
    LinkFigures? StandardErrors,
    ExpectedFigures Expected)
{
    public static LinkDocument From(LinkSummary s, bool withErrors) => new(
        s.Id,
        s.Scheme,
        SimulationDocument.Finite(s.Attempts.Mean),
        SimulationDocument.Finite(s.Pairs.Mean),
        SimulationDocument.Finite(s.PairsPerSecond.Mean),
        SimulationDocument.Finite(s.SuccessProbability.Mean),
        SimulationDocument.Finite(s.MeanFidelity.Mean),
        SimulationDocument.Finite(s.MeanHeraldingLatencySeconds.Mean),
        withErrors ? LinkFigures.ErrorsOf(s) : null,
        new ExpectedFigures(s.ExpectedSuccessProbability, SimulationDocument.Finite(s.ExpectedPairsPerSecond), s.ExpectedFidelity));
}

/// <summary>Standard errors of a link's figures over runs.</summary>
internal sealed record LinkFigures(double? Attempts, double? Pairs, double? PairsPerSecond, double? SuccessProbability, double? MeanFidelity, double? MeanHeraldingLatencySeconds)
{
    public static LinkFigures ErrorsOf(LinkSummary s) => new(
        SimulationDocument.Finite(s.Attempts.StandardError),
        SimulationDocument.Finite(s.Pairs.StandardError),
        SimulationDocument.Finite(s.PairsPerSecond.StandardError),
        SimulationDocument.Finite(s.SuccessProbability.StandardError),
        SimulationDocument.Finite(s.MeanFidelity.StandardError),
        SimulationDocument.Finite(s.MeanHeraldingLatencySeconds.StandardError));
}

/// <summary>What the link model predicts: per-attempt success probability, rate over all channels (null when sessions hold the link), fidelity at herald.</summary>
internal sealed record ExpectedFigures(double SuccessProbability, double? PairsPerSecond, double Fidelity);

/// <summary>What the run cost on this machine: wall-clock seconds and simulated events per wall second (differ between runs of one seed).</summary>
internal sealed record WallClockDocument(double Seconds, double? EventsPerSecond);
