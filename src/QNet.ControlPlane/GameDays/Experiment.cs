using QNet.Network.Scenarios;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// A game-day experiment, in the shape of a Chaos Toolkit experiment (docs/gamedays.md): a steady-state hypothesis
/// checked before and after the method, the method's actions, probes and pauses, rollbacks run at the end (and on
/// deviation or interruption of a live run), plus QNet's configuration and the operator's expectations.
/// Built only by <see cref="ExperimentLoader"/>, which has checked every field.
/// </summary>
/// <param name="Version">The file's <c>version</c> (free text, as in Chaos Toolkit).</param>
/// <param name="Title">What the drill proves.</param>
/// <param name="Description">Its story, for the report.</param>
/// <param name="Configuration">Scenario, seed, warm-up and span.</param>
/// <param name="HypothesisTitle">The steady-state hypothesis' title.</param>
/// <param name="Hypothesis">Probes that must all be within tolerance before the method and after it.</param>
/// <param name="Method">The steps, in order.</param>
/// <param name="Rollbacks">Steps run after the method (and on deviation or interruption of a live run).</param>
/// <param name="Expectations">What the operator believes the system does.</param>
internal sealed record Experiment(string Version, string Title, string Description, ExperimentConfiguration Configuration,
    string HypothesisTitle, IReadOnlyList<ProbeSpec> Hypothesis, IReadOnlyList<ExperimentStep> Method, IReadOnlyList<ExperimentStep> Rollbacks,
    IReadOnlyList<ExpectationSpec> Expectations);

/// <summary>QNet's <c>configuration</c> block.</summary>
/// <param name="Scenario">The network (with <paramref name="Seed"/> applied).</param>
/// <param name="ScenarioName">As written (<c>metro</c> for the built-in network, else the path).</param>
/// <param name="Seed">Root seed of the twin's random streams.</param>
/// <param name="WarmupSeconds">Simulated seconds the twin runs before the hypothesis is first checked (the windows fill).</param>
/// <param name="DurationSeconds">Simulated span of the whole run (warm-up included); the method's end if shorter.</param>
internal sealed record ExperimentConfiguration(Scenario Scenario, string ScenarioName, ulong Seed, double WarmupSeconds, double DurationSeconds);

/// <summary>One step of a method or of the rollbacks.</summary>
/// <param name="Kind">Action, probe or pause.</param>
/// <param name="Name">Its name (journal and report).</param>
/// <param name="Line">Line in the file, for messages.</param>
/// <param name="Action">The action, for an action step.</param>
/// <param name="Probe">The probe, for a probe step.</param>
/// <param name="PauseBeforeSeconds">Simulated seconds to wait before the step (<c>pauses.before</c>, or a pause step's duration).</param>
/// <param name="PauseAfterSeconds">Simulated seconds to wait after the step (<c>pauses.after</c>).</param>
internal sealed record ExperimentStep(StepKind Kind, string Name, int Line, ActionSpec? Action, ProbeSpec? Probe, double PauseBeforeSeconds, double PauseAfterSeconds);
