namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// One reconciliation pass over the I/O edges: read the objects, observe the network, carry out the plan's changes,
/// observe again and write the statuses. A status write that meets a 409 re-reads the object, recomputes its status from
/// the fresh object and tries again, at most <see cref="MaxWriteAttempts"/> times (the next pass picks up the rest).
/// </summary>
internal sealed class ReconcileLoop(IKubernetesResources resources, INetworkPort network)
{
    /// <summary>Status writes tried per object and pass before leaving it to the next pass.</summary>
    public const int MaxWriteAttempts = 5;

    /// <summary>Runs one pass; returns what it did.</summary>
    public async Task<ReconcilePassResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var sessions = (await resources.ListAsync(QuantumKind.Session, cancellationToken).ConfigureAwait(false)).Select(ResourceJson.Session).ToArray();
        var links = (await resources.ListAsync(QuantumKind.Link, cancellationToken).ConfigureAwait(false)).Select(ResourceJson.Link).ToArray();
        string[] ids = [.. sessions.Select(s => s.SessionId)];
        var observed = await network.ObserveAsync(ids, cancellationToken).ConfigureAwait(false);
        var plan = Reconciler.Plan(sessions, links, observed);
        int changes = 0;
        if (plan.Actions.Count > 0)
        {
            foreach (var action in plan.Actions)
            {
                changes += await network.ExecuteAsync(action, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            observed = await network.ObserveAsync(ids, cancellationToken).ConfigureAwait(false);
            plan = Reconciler.Plan(sessions, links, observed);
        }
        int written = 0, conflicts = 0;
        foreach (var patch in plan.Patches)
        {
            var (w, c) = await WriteAsync(patch, observed, cancellationToken).ConfigureAwait(false);
            written += w ? 1 : 0;
            conflicts += c;
        }
        return new ReconcilePassResult(changes, written, conflicts);
    }

    private async Task<(bool Written, int Conflicts)> WriteAsync(StatusPatch patch, NetworkObservation observed, CancellationToken cancellationToken)
    {
        int conflicts = 0;
        for (int attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            switch (await resources.PatchStatusAsync(patch, cancellationToken).ConfigureAwait(false))
            {
                case PatchOutcome.Written:
                    return (true, conflicts);
                case PatchOutcome.Gone:
                    return (false, conflicts);
            }
            conflicts++;
            if (await resources.GetAsync(patch.Kind, patch.Name, cancellationToken).ConfigureAwait(false) is not { } fresh)
            {
                return (false, conflicts);
            }
            object? status;
            string version;
            if (patch.Kind == QuantumKind.Session)
            {
                var r = ResourceJson.Session(fresh);
                (status, version) = (Reconciler.Session(r, observed).Status is { } s && s != r.Status ? s : null, r.ResourceVersion);
            }
            else
            {
                var r = ResourceJson.Link(fresh);
                (status, version) = (Reconciler.Link(r, observed).Status is var l && l != r.Status ? l : null, r.ResourceVersion);
            }
            if (status is null)
            {
                return (false, conflicts); // the fresh object already carries this status (another writer, or a spec change the next pass acts on)
            }
            patch = patch with { ResourceVersion = version, Status = status };
        }
        return (false, conflicts);
    }
}

/// <summary>What a reconciliation pass did.</summary>
/// <param name="Changes">Changes carried out on the network (sessions submitted or cancelled, links taken out of or returned to service).</param>
/// <param name="StatusesWritten">Statuses written.</param>
/// <param name="Conflicts">Status writes refused with 409 (each followed by a re-read).</param>
internal sealed record ReconcilePassResult(int Changes, int StatusesWritten, int Conflicts);
