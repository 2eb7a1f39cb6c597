namespace QNet.ControlPlane.Mitigation;

/// <summary><c>GET /api/v1/mitigation</c>: the policy, what is in effect now, and the recent actions.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Avoided">Links and nodes new sessions keep off (reroute in effect).</param>
/// <param name="Shedding">True while low-priority session requests get 429.</param>
/// <param name="Recent">The last actions and lifts, oldest first.</param>
public sealed record MitigationView(MitigationPolicyWire Policy, IReadOnlyList<string> Avoided, bool Shedding, IReadOnlyList<MitigationRecord> Recent);
