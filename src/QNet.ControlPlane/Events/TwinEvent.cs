namespace QNet.ControlPlane.Events;

/// <summary>One entry of the event stream (<c>GET /api/v1/events</c>, server-sent events; the SSE event name is <see cref="Type"/>).</summary>
/// <param name="Type"><c>herald</c>, <c>swap</c>, <c>delivery</c>, <c>loss</c>, <c>session</c>, <c>qkd</c> (a QKD link's configuration change, refusal, rollback, pause or resume; no session), <c>mitigation</c> (an automatic action with its reason) or <c>config-change</c> (a step of a safe configuration change: link = canary, change = step, outcome = status, signal = field, target = change id; no session).</param>
/// <param name="SessionId">The session it belongs to.</param>
/// <param name="TraceId">The session's W3C trace id.</param>
/// <param name="SimulatedSeconds">Twin time of the event, in seconds since the twin started.</param>
/// <param name="Link">Link id (herald).</param>
/// <param name="Node">Node id (swap).</param>
/// <param name="Fidelity">Pair fidelity (herald, delivery).</param>
/// <param name="Success">Swap outcome.</param>
/// <param name="Change">Session change (admitted, refused, rerouted, restarted, failed, ended, cancelled) or loss reason.</param>
/// <param name="Outcome">Session outcome after a change.</param>
/// <param name="Reason">Why (refusals and failures; a mitigation's detail).</param>
/// <param name="Action">Mitigation action (type <c>mitigation</c>): reroute, raise-purification, shorten-cutoff, shed-load, resync-sources, run-calibration, pause-qkd, rollback-qkd-config.</param>
/// <param name="Signal">The signal that triggered the mitigation (its reason label).</param>
/// <param name="Value">The signal's value when it crossed.</param>
/// <param name="Target">What the mitigation acted on (link, node, session, QKD link, control-plane).</param>
/// <param name="TraceIds">Trace ids of every session the mitigation touched (<see cref="TraceId"/> is the first).</param>
public sealed record TwinEvent(
    string Type,
    string SessionId,
    string TraceId,
    double SimulatedSeconds,
    string? Link = null,
    string? Node = null,
    double? Fidelity = null,
    bool? Success = null,
    string? Change = null,
    string? Outcome = null,
    string? Reason = null,
    string? Action = null,
    string? Signal = null,
    double? Value = null,
    string? Target = null,
    IReadOnlyList<string>? TraceIds = null);
