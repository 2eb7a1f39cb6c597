namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// The reconciliation logic, without Kubernetes I/O or the twin: from the observed custom resources and what the control
/// plane holds, the changes the network needs and the statuses to write. Pure and deterministic: the same inputs give the
/// same plan, and a plan computed after its actions were carried out asks for none (idempotent). It keeps no state of its
/// own: everything comes from the objects and the store, so a restarted or newly elected replica resumes where the last one
/// stopped.
/// </summary>
internal static class Reconciler
{
    /// <summary>Plans one pass over every object of both kinds.</summary>
    public static ReconcilePlan Plan(IReadOnlyList<QuantumSessionResource> sessions, IReadOnlyList<QuantumLinkResource> links, NetworkObservation network)
    {
        var actions = new List<ReconcileAction>();
        var patches = new List<StatusPatch>();
        foreach (var resource in sessions.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            var (action, status) = Session(resource, network);
            if (action is not null)
            {
                actions.Add(action);
            }
            if (status is not null && status != resource.Status)
            {
                patches.Add(new StatusPatch(QuantumKind.Session, resource.Namespace, resource.Name, resource.ResourceVersion, status));
            }
        }

        // A session the reconciler submitted whose object is gone (deleted, also while no replica led) is cancelled.
        var wanted = sessions.Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal);
        actions.AddRange(network.ActiveKubernetesSessions.Where(id => !wanted.Contains(id)).Order(StringComparer.Ordinal)
            .Select(id => new ReconcileAction.CancelSession(id)));

        foreach (var resource in links.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            var (action, status) = Link(resource, network);
            if (action is not null)
            {
                actions.Add(action);
            }
            if (status != resource.Status)
            {
                patches.Add(new StatusPatch(QuantumKind.Link, resource.Namespace, resource.Name, resource.ResourceVersion, status));
            }
        }
        return new ReconcilePlan(actions, patches);
    }

    /// <summary>
    /// One <c>QuantumSession</c>: a request the session API would refuse is refused here with the same field and message;
    /// a valid one the control plane does not know yet is submitted (status follows once it is); a known one shows its state.
    /// </summary>
    public static (ReconcileAction? Action, QuantumSessionStatus? Status) Session(QuantumSessionResource resource, NetworkObservation network)
    {
        if (network.Sessions.TryGetValue(resource.SessionId, out var view))
        {
            return (null, QuantumSessionStatus.Of(view, resource.Generation));
        }
        var problems = resource.Request.Validate(network.Node);
        return problems.Count > 0
            ? (null, QuantumSessionStatus.Refused(resource.SessionId, problems, resource.Generation))
            : (new ReconcileAction.SubmitSession(resource.Request), null);
    }

    /// <summary>
    /// One <c>QuantumLink</c>: out of service means an active link-cut fault on the link (the one named in the status, or one
    /// already there); back in service clears the fault the status names, and only that one (a cut an operator injected
    /// through the faults API stays).
    /// </summary>
    public static (ReconcileAction? Action, QuantumLinkStatus Status) Link(QuantumLinkResource resource, NetworkObservation network)
    {
        if (!network.Links.TryGetValue(resource.Link, out var link))
        {
            return (null, QuantumLinkStatus.Unknown(resource.Link, resource.Generation));
        }
        var cuts = network.LinkCuts.GetValueOrDefault(resource.Link) ?? [];
        string? recorded = resource.Status?.OutOfServiceFault is { } f && cuts.Contains(f) ? f : null;
        if (!resource.InService)
        {
            string? fault = recorded ?? (cuts.Count > 0 ? cuts[0] : null);
            return fault is null
                ? (new ReconcileAction.TakeLinkOutOfService(resource.Link), QuantumLinkStatus.Of(link, null, resource.Generation))
                : (null, QuantumLinkStatus.Of(link, fault, resource.Generation));
        }
        return recorded is null
            ? (null, QuantumLinkStatus.Of(link, null, resource.Generation))
            : (new ReconcileAction.ReturnLinkToService(resource.Link, recorded), QuantumLinkStatus.Of(link, recorded, resource.Generation));
    }
}
