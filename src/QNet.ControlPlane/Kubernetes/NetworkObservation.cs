using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// What the control plane holds, as far as the reconciler needs it: the sessions the objects name (from memory or the
/// store), the sessions it submitted that still run, the links and the active link-cut faults on them.
/// </summary>
/// <param name="Sessions">Sessions by id, for every id asked about that the control plane knows (running or ended).</param>
/// <param name="ActiveKubernetesSessions">Ids of the pending, running or degraded sessions whose id carries <see cref="QuantumSessionResource.SessionIdPrefix"/>.</param>
/// <param name="Links">Links by id.</param>
/// <param name="LinkCuts">Active link-cut fault ids by link id (oldest first).</param>
/// <param name="Node">Looks a node up by id (for the session API's own request checks).</param>
internal sealed record NetworkObservation(IReadOnlyDictionary<string, SessionView> Sessions, IReadOnlySet<string> ActiveKubernetesSessions,
    IReadOnlyDictionary<string, LinkView> Links, IReadOnlyDictionary<string, IReadOnlyList<string>> LinkCuts, Func<string, NodeSpec?> Node);
