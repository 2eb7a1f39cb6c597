using QNet.Sre.Evaluation;

namespace QNet.Sre.Generation;

/// <summary>Which alerts named <see cref="AlertName"/> fire at <see cref="EvalTime"/> (time since the scenario's start).</summary>
internal sealed record Checkpoint(TimeSpan EvalTime, string AlertName, IReadOnlyList<AlertState> Firing);
