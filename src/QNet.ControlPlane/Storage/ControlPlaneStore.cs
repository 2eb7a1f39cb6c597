using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Storage;

/// <summary>
/// The control plane's one data layer over SQLite (default, a file in the data folder) or PostgreSQL (a connection
/// string), in the Kms store's manner: plain ADO.NET, the same SQL on both where it can be, schema migrations
/// applied on open (<see cref="StoreMigrations"/>). Tables are prefixed <c>cp_</c> so they can share a database
/// with the key store.
/// </summary>
internal sealed partial class ControlPlaneStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private BatchConnection? _batch;

    private ControlPlaneStore(string? sqlitePath, NpgsqlDataSource? postgres)
    {
        _sqlite = sqlitePath is null ? null : new SqliteConnectionStringBuilder { DataSource = sqlitePath, Pooling = true }.ToString();
        _postgres = postgres;
    }

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres => _postgres is not null;

    /// <summary>Opens (and migrates) the store: PostgreSQL when <paramref name="postgres"/> is given, else SQLite at <paramref name="sqlitePath"/>.</summary>
    public static async Task<ControlPlaneStore> OpenAsync(string sqlitePath, string? postgres, CancellationToken cancellationToken = default)
    {
        var store = string.IsNullOrEmpty(postgres) ? new ControlPlaneStore(sqlitePath, null) : new ControlPlaneStore(null, NpgsqlDataSource.Create(postgres));
        if (store._sqlite is not null)
        {
            // Owner-only folder and file (0700, 0600): the store holds token hashes and the operational record.
            QNet.Kms.Storage.PrivateFiles.CreateFile(sqlitePath);
        }
        try
        {
            await StoreMigrations.ApplyAsync(store, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// True when a control-plane store exists: the SQLite file at <paramref name="sqlitePath"/>, or the schema table in
    /// the PostgreSQL database <paramref name="postgres"/>. Reads only; creates nothing.
    /// </summary>
    public static async Task<bool> ExistsAsync(string sqlitePath, string? postgres, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(postgres))
        {
            return File.Exists(sqlitePath);
        }
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'cp_schema'", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Opens a connection. On SQLite, <paramref name="synchronous"/> is the write mode (NORMAL: a commit survives a
    /// crash of the process; FULL: also a power loss, at one fsync per commit); null opens a reader without set-up
    /// (WAL is a property of the file, set by the first writer; the driver itself retries while the file is busy).
    /// </summary>
    internal async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken, string? synchronous = "NORMAL")
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (synchronous is null)
        {
            return connection;
        }
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=" + synchronous + ";";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> with parameters (writes are serialised on SQLite).</summary>
    internal async Task<int> ExecuteAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Runs a batch of writes in one transaction.</summary>
    internal async Task ExecuteBatchAsync(string sql, IEnumerable<IReadOnlyList<(string Name, object? Value)>> rows, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                await using var command = Command(connection, sql, row);
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Reads rows.</summary>
    internal async Task<List<T>> QueryAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken, synchronous: null).ConfigureAwait(false);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    internal static DbCommand Command(DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    // ---- sessions
    // A stored row is only ever updated by the session it belongs to (same trace id): an id reused after the
    // session left memory can never overwrite another session's history.
    internal const string UpsertSession =
        "INSERT INTO cp_sessions (id, request, trace_id, span_id, created_at, origin, outcome, reason, pairs, mean_fidelity) " +
        "VALUES (@id, @request, @trace, @span, @created, @origin, @outcome, @reason, @pairs, @fid) " +
        "ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, pairs = excluded.pairs, mean_fidelity = excluded.mean_fidelity " +
        "WHERE cp_sessions.trace_id = excluded.trace_id";

    internal const string InsertEvent = "INSERT INTO cp_events (at, session_id, trace_id, body) VALUES (@at, @session, @trace, @body)";

    private const string SessionColumns = "id, request, trace_id, span_id, created_at, origin, outcome, reason, pairs, mean_fidelity";

    private static IReadOnlyList<(string Name, object? Value)> SessionParameters(SessionRecord s) =>
        [("@id", s.Id), ("@request", s.RequestJson), ("@trace", s.TraceId), ("@span", s.SpanId), ("@created", s.CreatedAt.ToUnixTimeMilliseconds()),
         ("@origin", s.Origin), ("@outcome", s.Outcome), ("@reason", s.Reason), ("@pairs", s.Pairs), ("@fid", double.IsNaN(s.MeanFidelity) ? null : s.MeanFidelity)];

    private static IReadOnlyList<(string Name, object? Value)> EventParameters(EventRecord e) =>
        [("@at", e.At.ToUnixTimeMilliseconds()), ("@session", e.SessionId), ("@trace", e.TraceId), ("@body", e.Json)];

    private static SessionRecord ReadSession(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetInt64(8),
        r.IsDBNull(9) ? double.NaN : r.GetDouble(9));

    public Task UpsertSessionAsync(SessionRecord s, CancellationToken ct = default) => ExecuteAsync(UpsertSession, SessionParameters(s), ct);

    /// <summary>
    /// Writes session states and events in one transaction on the store's writer connection (group commit: the
    /// caller gathers everything queued). On SQLite that connection runs <c>synchronous=FULL</c>, so a committed
    /// batch survives a power loss, not only a crash of the process; PostgreSQL commits are durable by default.
    /// </summary>
    public async Task WriteBatchAsync(IReadOnlyCollection<SessionRecord> sessions, IReadOnlyList<EventRecord> events, CancellationToken ct = default)
    {
        await _writer.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _batch ??= await BatchConnection.OpenAsync(this, ct).ConfigureAwait(false);
            try
            {
                await _batch.WriteAsync(sessions.Select(SessionParameters), events.Select(EventParameters), ct).ConfigureAwait(false);
            }
            catch
            {
                // A broken connection is opened afresh for the next batch.
                await _batch.DisposeAsync().ConfigureAwait(false);
                _batch = null;
                throw;
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Every stored session (tests and tools; the service loads <see cref="ListSessionsForStartAsync"/>).</summary>
    public Task<List<SessionRecord>> ListSessionsAsync(CancellationToken ct = default) =>
        QueryAsync($"SELECT {SessionColumns} FROM cp_sessions ORDER BY created_at, id", [], ReadSession, ct);

    /// <summary>What a restart needs: every session still pending or running, and the newest <paramref name="ended"/> others, oldest first.</summary>
    public async Task<List<SessionRecord>> ListSessionsForStartAsync(int ended, CancellationToken ct = default)
    {
        var active = await QueryAsync($"SELECT {SessionColumns} FROM cp_sessions WHERE outcome IN ('pending', 'running')", [], ReadSession, ct).ConfigureAwait(false);
        var recent = await QueryAsync($"SELECT {SessionColumns} FROM cp_sessions WHERE outcome NOT IN ('pending', 'running') ORDER BY created_at DESC, id DESC LIMIT @n",
            [("@n", ended)], ReadSession, ct).ConfigureAwait(false);
        return [.. active.Concat(recent).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>Streams every stored session id to <paramref name="id"/> (no list is built: the table may be large).</summary>
    public async Task ForEachSessionIdAsync(Action<string> id, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct, synchronous: null).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT id FROM cp_sessions", []);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            id(reader.GetString(0));
        }
    }

    /// <summary>One stored session, or null.</summary>
    public async Task<SessionRecord?> GetSessionAsync(string id, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {SessionColumns} FROM cp_sessions WHERE id = @id", [("@id", id)], ReadSession, ct).ConfigureAwait(false)).FirstOrDefault();

    // ---- faults
    public Task SaveFaultAsync(Fault f, CancellationToken ct = default) => ExecuteAsync(
        "INSERT INTO cp_faults (id, kind, target, magnitude, injected_at, cleared_at) VALUES (@id, @kind, @target, @mag, @at, @cleared) " +
        "ON CONFLICT (id) DO UPDATE SET cleared_at = excluded.cleared_at",
        [("@id", f.Id), ("@kind", QNet.Network.Scenarios.FaultKinds.Name(f.Kind)), ("@target", f.Target), ("@mag", f.Magnitude), ("@at", f.InjectedAt.ToUnixTimeMilliseconds()),
         ("@cleared", f.ClearedAt?.ToUnixTimeMilliseconds())], ct);

    public Task<List<Fault>> ListFaultsAsync(CancellationToken ct = default) => QueryAsync(
        "SELECT id, kind, target, magnitude, injected_at, cleared_at FROM cp_faults ORDER BY injected_at, id", [],
        r => new Fault(r.GetString(0), QNet.Network.Scenarios.FaultKinds.TryParse(r.GetString(1), out var k) ? k : QNet.Network.Scenarios.FaultKind.LinkCut, r.GetString(2), r.GetDouble(3),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5))), ct);

    // ---- maintenance windows
    public Task SaveMaintenanceAsync(MaintenanceRecord m, CancellationToken ct = default) => ExecuteAsync(
        "INSERT INTO cp_maintenance (id, starts_at, ends_at, matchers, reason) VALUES (@id, @start, @end, @matchers, @reason)",
        [("@id", m.Id), ("@start", m.Start.ToUnixTimeMilliseconds()), ("@end", m.End.ToUnixTimeMilliseconds()), ("@matchers", JsonSerializer.Serialize(m.Matchers)), ("@reason", m.Reason)], ct);

    public Task<int> DeleteMaintenanceAsync(string id, CancellationToken ct = default) => ExecuteAsync("DELETE FROM cp_maintenance WHERE id = @id", [("@id", id)], ct);

    public Task<List<MaintenanceRecord>> ListMaintenanceAsync(CancellationToken ct = default) => QueryAsync(
        "SELECT id, starts_at, ends_at, matchers, reason FROM cp_maintenance ORDER BY starts_at, id", [],
        r => new MaintenanceRecord(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(3)) ?? [], r.IsDBNull(4) ? null : r.GetString(4)), ct);

    // ---- calibration runs
    public Task SaveCalibrationAsync(CalibrationRecord c, CancellationToken ct = default) => ExecuteAsync(
        "INSERT INTO cp_calibrations (id, link, at, drift_before) VALUES (@id, @link, @at, @drift)",
        [("@id", c.Id), ("@link", c.Link), ("@at", c.At.ToUnixTimeMilliseconds()), ("@drift", c.DriftBefore)], ct);

    public Task<List<CalibrationRecord>> ListCalibrationsAsync(CancellationToken ct = default) => QueryAsync(
        "SELECT id, link, at, drift_before FROM cp_calibrations ORDER BY at, id", [],
        r => new CalibrationRecord(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetDouble(3)), ct);

    // ---- tokens
    public Task SaveTokenAsync(TokenRecord t, CancellationToken ct = default) => ExecuteAsync(
        "INSERT INTO cp_tokens (hash, role, name, created_at) VALUES (@hash, @role, @name, @at)",
        [("@hash", t.Hash), ("@role", t.Role), ("@name", t.Name), ("@at", t.CreatedAt.ToUnixTimeMilliseconds())], ct);

    public Task<List<TokenRecord>> ListTokensAsync(CancellationToken ct = default) => QueryAsync(
        "SELECT hash, role, name, created_at FROM cp_tokens", [],
        r => new TokenRecord(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))), ct);

    // ---- received Alertmanager notifications
    public Task AppendAlertNotificationsAsync(IReadOnlyList<AlertNotificationRecord> alerts, CancellationToken ct = default) => ExecuteBatchAsync(
        "INSERT INTO cp_alert_notifications (received_at, receiver, group_key, status, alertname, fingerprint, labels, annotations, starts_at, ends_at, generator_url) " +
        "VALUES (@at, @receiver, @group, @status, @name, @fingerprint, @labels, @annotations, @starts, @ends, @url)",
        alerts.Select(a => (IReadOnlyList<(string, object?)>)[("@at", a.ReceivedAt.ToUnixTimeMilliseconds()), ("@receiver", a.Receiver), ("@group", a.GroupKey),
            ("@status", a.Status), ("@name", a.AlertName), ("@fingerprint", a.Fingerprint), ("@labels", JsonSerializer.Serialize(a.Labels)),
            ("@annotations", JsonSerializer.Serialize(a.Annotations)), ("@starts", a.StartsAt?.ToUnixTimeMilliseconds()), ("@ends", a.EndsAt?.ToUnixTimeMilliseconds()),
            ("@url", a.GeneratorUrl)]), ct);

    /// <summary>The newest <paramref name="limit"/> received alerts, newest first, of one receiver or all.</summary>
    public Task<List<AlertNotificationRecord>> ListAlertNotificationsAsync(string? receiver, int limit, CancellationToken ct = default) => QueryAsync(
        "SELECT id, received_at, receiver, group_key, status, alertname, fingerprint, labels, annotations, starts_at, ends_at, generator_url FROM cp_alert_notifications " +
        "WHERE (CAST(@receiver AS TEXT) IS NULL OR receiver = CAST(@receiver AS TEXT)) ORDER BY id DESC LIMIT @limit",
        [("@receiver", receiver), ("@limit", limit)],
        r => new AlertNotificationRecord(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4),
            r.GetString(5), r.GetString(6), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7)) ?? [],
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(8)) ?? [],
            r.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)), r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
            r.GetString(11)), ct);

    /// <summary>Deletes the notifications received before <paramref name="before"/>; returns how many.</summary>
    public Task<int> PruneAlertNotificationsAsync(DateTimeOffset before, CancellationToken ct = default) =>
        ExecuteAsync("DELETE FROM cp_alert_notifications WHERE received_at < @before", [("@before", before.ToUnixTimeMilliseconds())], ct);

    // ---- events (with retention)
    public Task AppendEventsAsync(IReadOnlyList<EventRecord> events, CancellationToken ct = default) => ExecuteBatchAsync(InsertEvent, events.Select(EventParameters), ct);

    public Task<List<EventRecord>> ListEventsAsync(string? sessionId, int limit, CancellationToken ct = default) => ListEventsAsync(sessionId, null, null, null, limit, ct);

    /// <summary>
    /// Stored events newest first, filtered by session, by trace id (the event's own or, for a mitigation, any session
    /// it touched), and by time (<paramref name="since"/> inclusive, <paramref name="until"/> exclusive).
    /// </summary>
    public Task<List<EventRecord>> ListEventsAsync(string? sessionId, string? traceId, DateTimeOffset? since, DateTimeOffset? until, int limit, CancellationToken ct = default) => QueryAsync(
        "SELECT at, session_id, trace_id, body FROM cp_events WHERE (CAST(@session AS TEXT) IS NULL OR session_id = CAST(@session AS TEXT)) " +
        "AND (CAST(@trace AS TEXT) IS NULL OR trace_id = CAST(@trace AS TEXT) OR body LIKE CAST(@traceLike AS TEXT)) " +
        "AND (CAST(@since AS BIGINT) IS NULL OR at >= CAST(@since AS BIGINT)) AND (CAST(@until AS BIGINT) IS NULL OR at < CAST(@until AS BIGINT)) ORDER BY id DESC LIMIT @limit",
        [("@session", sessionId), ("@trace", traceId), ("@traceLike", traceId is null ? null : "%\"" + traceId + "\"%"), ("@since", since?.ToUnixTimeMilliseconds()),
         ("@until", until?.ToUnixTimeMilliseconds()), ("@limit", limit)],
        r => new EventRecord(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3)), ct);

    public Task<int> PruneEventsAsync(DateTimeOffset before, CancellationToken ct = default) =>
        ExecuteAsync("DELETE FROM cp_events WHERE at < @before", [("@before", before.ToUnixTimeMilliseconds())], ct);

    // ---- downsampled metric history
    public Task AppendSamplesAsync(IReadOnlyList<SampleRecord> samples, CancellationToken ct = default) => ExecuteBatchAsync(
        "INSERT INTO cp_samples (metric, labels, t, v) VALUES (@metric, @labels, @t, @v)",
        samples.Select(s => (IReadOnlyList<(string, object?)>)[("@metric", s.Metric), ("@labels", s.LabelsJson), ("@t", s.UnixMs), ("@v", s.Value)]), ct);

    public Task<List<SampleRecord>> ListSamplesAsync(long sinceUnixMs, CancellationToken ct = default) => QueryAsync(
        "SELECT metric, labels, t, v FROM cp_samples WHERE t >= @since ORDER BY t", [("@since", sinceUnixMs)],
        r => new SampleRecord(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3)), ct);

    public Task<int> PruneSamplesAsync(long beforeUnixMs, CancellationToken ct = default) =>
        ExecuteAsync("DELETE FROM cp_samples WHERE t < @before", [("@before", beforeUnixMs)], ct);

    public async ValueTask DisposeAsync()
    {
        if (_batch is not null)
        {
            await _batch.DisposeAsync().ConfigureAwait(false);
            _batch = null;
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        _writer.Dispose();
    }
}
