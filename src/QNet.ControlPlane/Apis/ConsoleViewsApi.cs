using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.Kms;
using QNet.Kms.Domain;
using QNet.Network.Scenarios;
using QNet.Sre;

namespace QNet.ControlPlane.Apis;

/// <summary>What the console needs to know on start: the caller's role, to show or hide the action controls (the server checks every action anyway), and the forms' choices.</summary>
/// <param name="Role">viewer or operator.</param>
/// <param name="TwinNow">The twin clock now (maintenance windows are in twin time).</param>
/// <param name="FaultKinds">Fault kinds with their unit ("" when the kind takes no magnitude).</param>
/// <param name="TwinEpoch">The twin clock at simulated time zero: a stored event is at this plus its <c>simulatedSeconds</c>.</param>
public sealed record WhoAmIView(string Role, DateTimeOffset TwinNow, IReadOnlyList<FaultKindView> FaultKinds, DateTimeOffset? TwinEpoch = null);

/// <summary>A fault kind the console offers.</summary>
/// <param name="Name">Wire name.</param>
/// <param name="Unit">Unit of its magnitude, or empty when it takes none.</param>
public sealed record FaultKindView(string Name, string Unit);

/// <summary>One SAE pair of the key store as the console shows it.</summary>
/// <param name="SaeA">One SAE.</param>
/// <param name="KmeA">Its KME.</param>
/// <param name="SaeB">The other SAE.</param>
/// <param name="KmeB">Its KME.</param>
/// <param name="Pool">The key pool of the KME pair (empty when both SAEs sit at one KME: no QKD between them).</param>
/// <param name="Policy">qkd-only, hybrid or pqc-fallback.</param>
/// <param name="StoredKeys">Keys of the default size available in the pool.</param>
public sealed record SaePairView(string SaeA, string KmeA, string SaeB, string KmeB, string Pool, string Policy, long StoredKeys)
{
    /// <summary>Keys issued between the two SAEs (either as master) since the store began.</summary>
    public long KeysIssued { get; init; }

    /// <summary>Keys issued between them per second over the last <see cref="ConsoleViewsApi.RateWindow"/> of the KMS clock.</summary>
    public double DeliveryRate { get; init; }

    /// <summary>Of <see cref="KeysIssued"/>, those made from ML-KEM alone because the QKD pool was empty (pqc-fallback).</summary>
    public long PqcKeys { get; init; }

    /// <summary>Of <see cref="KeysIssued"/>, those mixing QKD material with ML-KEM (hybrid policy).</summary>
    public long HybridKeys { get; init; }

    /// <summary><see cref="PqcKeys"/> / <see cref="KeysIssued"/>, or null before any key was issued.</summary>
    public double? PqcShare => KeysIssued == 0 ? null : (double)PqcKeys / KeysIssued;

    /// <summary>QKD key blocks between the pair's KMEs whose two ends' keys disagreed (failed verification, or quarantined by the KMS).</summary>
    public long Mismatches { get; init; }

    /// <summary>Blocks of the pair's pool the KMS quarantined (copies differed; never delivered).</summary>
    public long QuarantinedBlocks { get; init; }
}

/// <summary>The key store as the console shows it.</summary>
/// <param name="Pairs">Every pair of registered SAEs at different KMEs.</param>
/// <param name="KeysIssued">Keys issued since the store began (issued, completed and expired alike).</param>
/// <param name="KeysExpired">Issued keys that expired unredeemed.</param>
/// <param name="Mismatches">QKD key blocks whose two ends' keys disagreed (failed verification or quarantined), all QKD links.</param>
/// <param name="QuarantinedBlocks">Blocks quarantined (never issued).</param>
public sealed record KeyStoreView(IReadOnlyList<SaePairView> Pairs, long KeysIssued, long KeysExpired, long Mismatches, long QuarantinedBlocks);

/// <summary>A threshold an SLO in force sets on a metric, for the console to draw on that metric's chart.</summary>
/// <param name="Slo">SLO name.</param>
/// <param name="Metric">Base metric name (no <c>_total</c>, <c>_bucket</c> or <c>_count</c> suffix).</param>
/// <param name="Value">Threshold in the metric's unit (pairs/s for a rate, 0..1 for fidelity, seconds for a latency bucket).</param>
public sealed record ThresholdView(string Slo, string Metric, double Value);

/// <summary><c>/api/v1/console/whoami</c> and <c>/api/v1/console/keys</c>: the small reads the console needs beyond the other APIs.</summary>
internal static class ConsoleViewsApi
{
    public static void MapConsoleViewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/console").WithTags("console").RequireViewer();
        group.MapGet("/whoami", async (HttpContext http, TokenService tokens, Twin.TwinClock clock) =>
        {
            // The role filter has checked the header: it is "Bearer TOKEN" with a known token.
            var token = http.Request.Headers.Authorization.ToString()[7..].Trim();
            var role = await tokens.RoleOfAsync(token, http.RequestAborted).ConfigureAwait(false) ?? TokenService.Viewer;
            var kinds = FaultKinds.Names.Select(n => FaultKinds.TryParse(n, out var kind) && FaultKinds.HasMagnitude(kind)
                ? new FaultKindView(n, FaultKinds.UnitOf(kind)) : new FaultKindView(n, "")).ToArray();
            return TypedResults.Ok(new WhoAmIView(role, clock.GetUtcNow(), kinds, clock.Epoch));
        }).WithSummary("The role of the bearer token (viewer or operator).");
        group.MapGet("/thresholds", (Slo.SloMonitor slo) => TypedResults.Ok(Thresholds(slo.Specs)))
            .WithSummary("Thresholds the SLOs in force set on metrics (drawn on the console's charts).");
        group.MapGet("/traces/{traceId}", (OperatorConsole.SpanStore spans, string traceId) => IsTraceId(traceId)
            ? Results.Ok(spans.Trace(traceId))
            : ApiBodies.Invalid("traceId", "must be a W3C trace id: 32 lower-case hex digits"))
            .ProducesValidationProblem()
            .WithSummary("Finished spans of a session's trace kept in process (the console's span timeline of delayed sessions).");
        group.MapGet("/keys", Keys).WithSummary("Key store per SAE pair: pool, policy, stored keys, keys issued, delivery rate, post-quantum share, mismatches and quarantined blocks.");
    }

    /// <summary>The window of the per-pair delivery rate.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A threshold SLI's objective value (e.g. link rate ≥ 10 pairs/s), or the <c>le</c> bound of a ratio SLI's good
    /// histogram bucket (e.g. fidelity ≥ 0.9 as the share above the bucket, API latency ≤ 0.25 s).
    /// </summary>
    public static IReadOnlyList<ThresholdView> Thresholds(Sre.Specs.SpecSet specs)
    {
        var thresholds = new List<ThresholdView>();
        foreach (var slo in specs.Slos)
        {
            switch (slo.Indicator)
            {
                case Sre.Specs.ThresholdSli t when slo.Objective.Value is { } value:
                    thresholds.Add(new ThresholdView(slo.Name, BaseName(t.Metric.Metric), value));
                    break;
                case Sre.Specs.RatioSli r when r.Good?.Matchers.FirstOrDefault(m => m.Name == "le") is { } le
                    && double.TryParse(le.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bound):
                    thresholds.Add(new ThresholdView(slo.Name, BaseName(r.Good.Metric), bound));
                    break;
            }
        }
        // No shipped SLO reads link fidelity directly; its charts show the fidelity bucket bound that the pair-fidelity
        // histograms and alert rules use (MetricCatalogue.FidelityThreshold), unless a spec sets one.
        if (thresholds.All(t => t.Metric != MetricCatalogue.LinkPairFidelity))
        {
            thresholds.Add(new ThresholdView("fidelity-bucket", MetricCatalogue.LinkPairFidelity, MetricCatalogue.FidelityThreshold));
        }
        return thresholds;
    }

    private static bool IsTraceId(string text) => text.Length == 32 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string BaseName(string metric)
    {
        foreach (var suffix in new[] { "_total", "_bucket", "_count" })
        {
            if (metric.EndsWith(suffix, StringComparison.Ordinal))
            {
                return metric[..^suffix.Length];
            }
        }
        return metric;
    }

    private static async Task<IResult> Keys(KeyManager kms, Twin.Twin twin, CancellationToken cancellationToken)
    {
        var saes = (await kms.Store.ListSaesAsync(cancellationToken).ConfigureAwait(false)).OrderBy(s => s.SaeId, StringComparer.Ordinal).ToArray();
        var stored = (await kms.Store.AvailableKeysByPoolAsync(kms.Options.Limits.KeySize / 8, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Pool, p => p.Keys, StringComparer.Ordinal);
        var issued = await kms.Store.KeysBySaePairAsync(kms.Time.GetUtcNow() - RateWindow, cancellationToken).ConfigureAwait(false);
        var quarantined = (await kms.Store.QuarantinedBlocksByPoolAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Pool, p => p.Blocks, StringComparer.Ordinal);
        var pairs = new List<SaePairView>();
        for (int i = 0; i < saes.Length; i++)
        {
            for (int j = i + 1; j < saes.Length; j++)
            {
                var (a, b) = (saes[i], saes[j]);
                if (a.KmeId == b.KmeId)
                {
                    continue;
                }
                var pool = Identifier.PoolName(a.KmeId, b.KmeId);
                var policy = await kms.Store.FindPolicyAsync(a.SaeId, b.SaeId, cancellationToken).ConfigureAwait(false) ?? kms.Options.DefaultPolicy;
                // Either SAE may have been the master: a pair's keys are those of both directions.
                var keys = issued.Where(k => (k.MasterSae == a.SaeId && k.SlaveSae == b.SaeId) || (k.MasterSae == b.SaeId && k.SlaveSae == a.SaeId)).ToList();
                // The KMEs are the twin's nodes: the QKD links between them feed this pool.
                long mismatches = twin.Snapshot.Qkd.Where(q => (q.Initiator == a.KmeId && q.Responder == b.KmeId) || (q.Initiator == b.KmeId && q.Responder == a.KmeId))
                    .Sum(q => q.VerificationFailures);
                pairs.Add(new SaePairView(a.SaeId, a.KmeId, b.SaeId, b.KmeId, pool, policy.ToName(), stored.GetValueOrDefault(pool))
                {
                    KeysIssued = keys.Sum(k => k.Keys),
                    DeliveryRate = keys.Sum(k => k.KeysSince) / RateWindow.TotalSeconds,
                    PqcKeys = keys.Where(k => k.Origin == KeyOrigin.Pqc).Sum(k => k.Keys),
                    HybridKeys = keys.Where(k => k.Origin == KeyOrigin.Hybrid).Sum(k => k.Keys),
                    Mismatches = mismatches,
                    QuarantinedBlocks = quarantined.GetValueOrDefault(pool),
                });
            }
        }
        var accounting = await kms.Store.AccountAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new KeyStoreView(pairs, accounting.Keys, accounting.KeysExpired, twin.Snapshot.Qkd.Sum(q => q.VerificationFailures), accounting.QuarantinedBlocks));
    }
}
