namespace QNet.ControlPlane.Storage;

/// <summary>
/// Schema versions of the control-plane store, applied in order on open; the applied version is kept in
/// <c>cp_schema</c>. Add a migration by appending to <see cref="Steps"/>; never edit a shipped one.
/// </summary>
internal static class StoreMigrations
{
    private static readonly Func<bool, string[]>[] Steps =
    [
        postgres =>
        [
            "CREATE TABLE IF NOT EXISTS cp_sessions (id TEXT PRIMARY KEY, request TEXT NOT NULL, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, created_at BIGINT NOT NULL, origin TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT, pairs BIGINT NOT NULL, mean_fidelity DOUBLE PRECISION)",
            "CREATE TABLE IF NOT EXISTS cp_faults (id TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, magnitude DOUBLE PRECISION NOT NULL, injected_at BIGINT NOT NULL, cleared_at BIGINT)",
            "CREATE TABLE IF NOT EXISTS cp_maintenance (id TEXT PRIMARY KEY, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, matchers TEXT NOT NULL, reason TEXT)",
            "CREATE TABLE IF NOT EXISTS cp_calibrations (id TEXT PRIMARY KEY, link TEXT NOT NULL, at BIGINT NOT NULL, drift_before DOUBLE PRECISION NOT NULL)",
            "CREATE TABLE IF NOT EXISTS cp_tokens (hash TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT NOT NULL, created_at BIGINT NOT NULL)",
            postgres
                ? "CREATE TABLE IF NOT EXISTS cp_events (id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, session_id TEXT NOT NULL, trace_id TEXT NOT NULL, body TEXT NOT NULL)"
                : "CREATE TABLE IF NOT EXISTS cp_events (id INTEGER PRIMARY KEY AUTOINCREMENT, at BIGINT NOT NULL, session_id TEXT NOT NULL, trace_id TEXT NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS cp_events_at ON cp_events (at)",
            "CREATE TABLE IF NOT EXISTS cp_samples (metric TEXT NOT NULL, labels TEXT NOT NULL, t BIGINT NOT NULL, v DOUBLE PRECISION NOT NULL)",
            "CREATE INDEX IF NOT EXISTS cp_samples_t ON cp_samples (t)",
        ],
        // A restart loads the active sessions and the newest ended ones, not the whole table.
        _ =>
        [
            "CREATE INDEX IF NOT EXISTS cp_sessions_outcome_created ON cp_sessions (outcome, created_at)",
            "CREATE INDEX IF NOT EXISTS cp_sessions_created ON cp_sessions (created_at)",
        ],
        // Alertmanager notifications received at /api/alert-webhooks/{receiver}: one row per alert of a notification.
        postgres =>
        [
            (postgres ? "CREATE TABLE IF NOT EXISTS cp_alert_notifications (id BIGSERIAL PRIMARY KEY, "
                      : "CREATE TABLE IF NOT EXISTS cp_alert_notifications (id INTEGER PRIMARY KEY AUTOINCREMENT, ")
            + "received_at BIGINT NOT NULL, receiver TEXT NOT NULL, group_key TEXT NOT NULL, status TEXT NOT NULL, alertname TEXT NOT NULL, "
            + "fingerprint TEXT NOT NULL, labels TEXT NOT NULL, annotations TEXT NOT NULL, starts_at BIGINT, ends_at BIGINT, generator_url TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS cp_alert_notifications_received ON cp_alert_notifications (received_at)",
        ],
        // Operator settings kept across restarts, one JSON body per name (the mitigation policy).
        _ =>
        [
            "CREATE TABLE IF NOT EXISTS cp_settings (name TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at BIGINT NOT NULL)",
        ],
        // Incidents (grouped alerts, lifecycle; the row's body is the incident as JSON) and their timelines, one row per entry.
        _ =>
        [
            "CREATE TABLE IF NOT EXISTS cp_incidents (id TEXT PRIMARY KEY, incident_key TEXT NOT NULL, state TEXT NOT NULL, opened_at BIGINT NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS cp_incidents_state_opened ON cp_incidents (state, opened_at)",
            "CREATE TABLE IF NOT EXISTS cp_incident_timeline (incident_id TEXT NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL, kind TEXT NOT NULL, trace_id TEXT, body TEXT NOT NULL, PRIMARY KEY (incident_id, seq))",
            "CREATE INDEX IF NOT EXISTS cp_incident_timeline_trace ON cp_incident_timeline (trace_id)",
        ],
        // Safe configuration changes (canary, promotion, rollback), one JSON record per change, replaced at each step.
        _ =>
        [
            "CREATE TABLE IF NOT EXISTS cp_config_changes (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS cp_config_changes_created ON cp_config_changes (created_at)",
        ],
        // Replicas on one PostgreSQL store (HighAvailability/): each replica's row, and the one lease row with its epoch.
        _ =>
        [
            "CREATE TABLE IF NOT EXISTS cp_replicas (id TEXT PRIMARY KEY, api_url TEXT NOT NULL, role TEXT NOT NULL, started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS cp_leader (singleton INTEGER PRIMARY KEY, epoch BIGINT NOT NULL, replica_id TEXT NOT NULL, api_url TEXT NOT NULL, since BIGINT NOT NULL)",
        ],
        // Failover accounting (HighAvailability/): per session, the pairs its memories held at the leader's last history
        // sample (what a new leader counts as lost at a failover) and the pairs lost at failovers so far; replaced whole at each sample.
        _ =>
        [
            "CREATE TABLE IF NOT EXISTS cp_memory_pairs (session_id TEXT PRIMARY KEY, held_pairs BIGINT NOT NULL, lost_at_failover BIGINT NOT NULL, at BIGINT NOT NULL)",
        ],
    ];

    /// <summary>The schema version after every migration.</summary>
    public static int Latest => Steps.Length;

    /// <summary>Advisory lock key serialising migrations of replicas that start together on one PostgreSQL database ("QNETMIGR").</summary>
    private const long MigrationLockKey = 0x514E45544D494752;

    public static async Task ApplyAsync(ControlPlaneStore store, CancellationToken cancellationToken)
    {
        if (!store.IsPostgres)
        {
            await ApplyStepsAsync(store, cancellationToken).ConfigureAwait(false);
            return;
        }
        // Held on its own session for the whole migration; released when that connection closes, also on a crash.
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = ControlPlaneStore.Command(connection, "SELECT pg_advisory_lock(@key)", [("@key", MigrationLockKey)]))
        {
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await ApplyStepsAsync(store, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await using var release = ControlPlaneStore.Command(connection, "SELECT pg_advisory_unlock(@key)", [("@key", MigrationLockKey)]);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task ApplyStepsAsync(ControlPlaneStore store, CancellationToken cancellationToken)
    {
        await store.ExecuteAsync("CREATE TABLE IF NOT EXISTS cp_schema (version INTEGER NOT NULL)", [], cancellationToken).ConfigureAwait(false);
        var versions = await store.QueryAsync("SELECT version FROM cp_schema", [], r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        int current = versions.Count == 0 ? 0 : versions.Max();
        for (int v = current; v < Steps.Length; v++)
        {
            foreach (var sql in Steps[v](store.IsPostgres))
            {
                await store.ExecuteAsync(sql, [], cancellationToken).ConfigureAwait(false);
            }
            await store.ExecuteAsync(versions.Count == 0 && v == current ? "INSERT INTO cp_schema (version) VALUES (@v)" : "UPDATE cp_schema SET version = @v", [("@v", v + 1)], cancellationToken).ConfigureAwait(false);
            versions = [v + 1];
        }
    }
}
