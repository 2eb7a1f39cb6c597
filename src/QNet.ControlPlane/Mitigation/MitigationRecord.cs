using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Mitigation;

/// <summary>A signal value of one target, as a rule reads it.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Target">Link, node, session or QKD link id; <c>control-plane</c> for the command queue.</param>
/// <param name="Value">Its value over the last window (units as <see cref="MitigationSignal"/> says).</param>
internal readonly record struct SignalReading(MitigationSignal Signal, string Target, double Value);

/// <summary>What an action did: whether it changed anything, the sessions it touched, and a line for the operator.</summary>
internal sealed record MitigationOutcome(bool Acted, IReadOnlyList<string> SessionIds, string Detail)
{
    public static MitigationOutcome Nothing(string detail) => new(false, [], detail);
}

/// <summary>One action taken (or lifted) by the mitigation engine, as the API and the event stream show it.</summary>
/// <param name="SimulatedSeconds">Twin time of the decision, in seconds.</param>
/// <param name="Action">Wire name of the action.</param>
/// <param name="Reason">Wire name of the signal that triggered it.</param>
/// <param name="Target">What it acted on.</param>
/// <param name="Value">The signal value that crossed.</param>
/// <param name="Threshold">The rule's threshold (or release level for a lift).</param>
/// <param name="Lifted">True when an avoidance or load shedding was lifted (the signal passed its release level).</param>
/// <param name="SessionIds">Sessions it touched.</param>
/// <param name="TraceIds">Their trace ids, in the same order.</param>
/// <param name="Detail">What changed, in words.</param>
public sealed record MitigationRecord(double SimulatedSeconds, string Action, string Reason, string Target, double Value, double Threshold, bool Lifted,
    IReadOnlyList<string> SessionIds, IReadOnlyList<string> TraceIds, string Detail);
