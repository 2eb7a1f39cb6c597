using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// <see cref="INetworkPort"/> on the twin: the same command queue, store and checks as the session and fault APIs, so a
/// session declared in Kubernetes is admitted, stored and cancelled exactly as one posted to <c>/api/v1/sessions</c>.
/// </summary>
internal sealed class TwinNetworkPort(Twin.Twin twin, TwinCommandQueue commands, ControlPlaneStore store, StoreWriter writer, TimeProvider time) : INetworkPort
{
    /// <summary>Origin recorded on the sessions the reconciler submits (the API's are <c>api</c>).</summary>
    public const string Origin = "kubernetes";

    public async Task<NetworkObservation> ObserveAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        double now = twin.Snapshot.SimulatedSeconds;
        var sessions = new Dictionary<string, SessionView>(StringComparer.Ordinal);
        var inMemory = twin.Sessions;
        foreach (string id in sessionIds)
        {
            if (inMemory.TryGetValue(id, out var state))
            {
                sessions[id] = SessionView.Of(state, now);
            }
            else if (twin.Ids.MayContain(id) && await store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false) is { } record
                && TwinPersistence.State(record) is { } stored)
            {
                sessions[id] = SessionView.Of(stored, now);
            }
        }
        var active = inMemory.Values
            .Where(s => s.Info.Spec.Id.StartsWith(QuantumSessionResource.SessionIdPrefix, StringComparison.Ordinal)
                && s.Outcome is SessionOutcome.Pending or SessionOutcome.Running or SessionOutcome.Degraded)
            .Select(s => s.Info.Spec.Id).ToHashSet(StringComparer.Ordinal);
        var links = twin.Snapshot.Links.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var cuts = twin.Faults.Where(f => f.Active && f.Kind == QNet.Network.Scenarios.FaultKind.LinkCut)
            .GroupBy(f => f.Target, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(f => f.InjectedAt).Select(f => f.Id).ToArray(), StringComparer.Ordinal);
        return new NetworkObservation(sessions, active, links, cuts, id => twin.Topology.Nodes.GetValueOrDefault(id));
    }

    public async Task<bool> ExecuteAsync(ReconcileAction action, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case ReconcileAction.SubmitSession submit:
                var spec = submit.Request.ToSpec(submit.Request.Id!);
                var created = time.GetUtcNow();
                var queued = commands.TryEnqueue(control: false, t => t.Sessions.ContainsKey(spec.Id) ? null : t.Submit(spec, Origin, created));
                if (queued is null)
                {
                    return false;
                }
                var state = await queued.ConfigureAwait(false);
                // Acknowledged once stored, as through the API: a crash before that leaves no session, and the next pass submits it again.
                return state?.Stored is not { } stored || await stored.ConfigureAwait(false);
            case ReconcileAction.CancelSession cancel:
                // False from Cancel means it already ended: nothing left to do either way.
                var cancelled = commands.TryEnqueue(control: true, t => t.Cancel(cancel.SessionId));
                if (cancelled is null)
                {
                    return false;
                }
                await cancelled.ConfigureAwait(false);
                return true;
            case ReconcileAction.TakeLinkOutOfService cut:
                var at = time.GetUtcNow();
                var injected = commands.TryEnqueue(control: true, t => t.Inject(QNet.Network.Scenarios.FaultKind.LinkCut, cut.Link, 0, null, at));
                if (injected is null)
                {
                    return false;
                }
                if ((await injected.ConfigureAwait(false)).Fault is { } fault)
                {
                    writer.Enqueue((s, ct) => s.SaveFaultAsync(fault, ct));
                }
                return true;
            case ReconcileAction.ReturnLinkToService clear:
                var when = time.GetUtcNow();
                var cleared = commands.TryEnqueue(control: true, t => t.Clear(clear.FaultId, when));
                if (cleared is null)
                {
                    return false;
                }
                if (await cleared.ConfigureAwait(false) is { } f)
                {
                    writer.Enqueue((s, ct) => s.SaveFaultAsync(f, ct));
                }
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "unknown reconcile action");
        }
    }
}
