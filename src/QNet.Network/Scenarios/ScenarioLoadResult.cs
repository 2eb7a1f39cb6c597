namespace QNet.Network.Scenarios;

/// <summary>The outcome of loading a scenario: the scenario, or every error found (sorted by line, then column).</summary>
public sealed record ScenarioLoadResult
{
    private ScenarioLoadResult(Scenario? scenario, IReadOnlyList<ScenarioError> errors)
    {
        Scenario = scenario;
        Errors = errors;
    }

    /// <summary>The scenario; non-null exactly when <see cref="IsValid"/>.</summary>
    public Scenario? Scenario { get; }

    /// <summary>Every problem found, sorted by line and column; empty when valid.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <summary>Whether the file is a valid scenario.</summary>
    public bool IsValid => Scenario is not null;

    internal static ScenarioLoadResult Success(Scenario scenario) => new(scenario, []);

    internal static ScenarioLoadResult Failure(IEnumerable<ScenarioError> errors) =>
        new(null, [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Field, StringComparer.Ordinal)]);
}
