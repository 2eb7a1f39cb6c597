using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using QNet.Kms.Domain;
using QNet.Kms.Metrics;
using QNet.Kms.Storage;
using QNet.Kms.Supply;

namespace QNet.Kms;

/// <summary>
/// The KMS: ETSI GS QKD 014 semantics over a store. The three request methods validate, resolve SAEs to KMEs, apply
/// the pair's key policy and return keys or a refusal value (400/401/503 classes); every refusal is audited and
/// counted. It is also the sink key suppliers deposit blocks into.
/// </summary>
public sealed partial class KeyManager : IKeyBlockSink, IDisposable
{
    private readonly IKmsStore _store;
    private readonly TimeProvider _time;
    private readonly HybridKeyDeriver _kem = new();
    private readonly RegistryCache _registry;

    /// <summary>Creates the service over an initialized store.</summary>
    public KeyManager(IKmsStore store, KmsOptions options, TimeProvider time)
    {
        _store = store;
        _time = time;
        Options = options;
        _registry = new RegistryCache(store, time, TimeSpan.FromSeconds(5));
        var keyBytes = options.Limits.KeySize / 8;
        Metrics = new KmsMetrics(() => store.AvailableKeysByPoolAsync(keyBytes).GetAwaiter().GetResult(),
            () => store.AuditHeadSequenceAsync().GetAwaiter().GetResult());
    }

    /// <summary>Options in force.</summary>
    public KmsOptions Options { get; }

    /// <summary>The store (for administration and invariant checks).</summary>
    public IKmsStore Store => _store;

    /// <summary>The clock that stamps issued keys (the twin's in the control plane), for reads that window by issue time.</summary>
    public TimeProvider Time => _time;

    /// <summary>The instruments of meter <c>QNet.Kms</c>.</summary>
    public KmsMetrics Metrics { get; }

    private KmsLimits Limits => Options.Limits;

    /// <summary>ETSI "Get status": the pool between the caller's (master's) KME and the slave's KME.</summary>
    public async Task<KmsResult<KmsStatus>> GetStatusAsync(string callerSaeId, string slaveSaeId, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var pair = await ResolvePairAsync(callerSaeId, slaveSaeId, "slave_SAE_ID", cancellationToken).ConfigureAwait(false);
        if (!pair.IsOk)
        {
            return await RefuseAsync<KmsStatus>("status", callerSaeId, pair.Error!, cancellationToken).ConfigureAwait(false);
        }

        var (master, slave) = pair.Value;
        var policy = await _store.FindPolicyAsync(master.SaeId, slave.SaeId, cancellationToken).ConfigureAwait(false) ?? Options.DefaultPolicy;
        var stored = await _store.AvailableKeysAsync(Identifier.PoolName(master.KmeId, slave.KmeId), master.KmeId, Limits.KeySize / 8, cancellationToken).ConfigureAwait(false);
        Served("status", started);
        return KmsResult<KmsStatus>.Ok(new KmsStatus(master.KmeId, slave.KmeId, master.SaeId, slave.SaeId, Limits, stored, policy));
    }

    /// <summary>ETSI "Get key" (enc_keys): new keys for the caller (master) to share with the slave and any additional slaves.</summary>
    public async Task<KmsResult<IReadOnlyList<DeliveredKey>>> GetEncKeysAsync(string callerSaeId, string slaveSaeId, EncKeysRequest request, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var plan = await PlanAsync(callerSaeId, slaveSaeId, request, cancellationToken).ConfigureAwait(false);
        if (!plan.IsOk)
        {
            return await RefuseAsync<IReadOnlyList<DeliveredKey>>("enc_keys", callerSaeId, plan.Error!, cancellationToken).ConfigureAwait(false);
        }

        var (issuePlan, policy) = plan.Value;
        var result = await _store.IssueAsync(issuePlan, DeriverFor(policy, issuePlan.SlaveKmeId), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result.Keys is null)
        {
            var pool = Identifier.PoolName(issuePlan.MasterKmeId, issuePlan.SlaveKmeId);
            StartSupplyWait(callerSaeId, slaveSaeId);
            return await RefuseAsync<IReadOnlyList<DeliveredKey>>("enc_keys", callerSaeId,
                KmsError.Unavailable($"insufficient key material in pool {pool} for {issuePlan.Count} key(s) of {issuePlan.KeyBytes * 8} bits"), cancellationToken).ConfigureAwait(false);
        }
        Served("enc_keys", started, SupplyWaitSeconds(callerSaeId, slaveSaeId));
        return KmsResult<IReadOnlyList<DeliveredKey>>.Ok(result.Keys);
    }

    /// <summary>ETSI "Get key with key IDs" (dec_keys): the caller (a slave) fetches keys the master was given, each once.</summary>
    public async Task<KmsResult<IReadOnlyList<DeliveredKey>>> GetDecKeysAsync(string callerSaeId, string masterSaeId, IReadOnlyList<string> keyIds, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var checkedIds = await CheckDecKeysAsync(callerSaeId, masterSaeId, keyIds, cancellationToken).ConfigureAwait(false);
        if (!checkedIds.IsOk)
        {
            return await RefuseAsync<IReadOnlyList<DeliveredKey>>("dec_keys", callerSaeId, checkedIds.Error!, cancellationToken).ConfigureAwait(false);
        }

        var result = await _store.RedeemAsync(callerSaeId, masterSaeId, checkedIds.Value, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        KmsError? error = result.Status switch
        {
            RedeemStatus.NotFound => new KmsError(KmsErrorKind.BadRequest, "one or more keys specified are not found on KME",
                result.Offending.Select(id => new KmsErrorDetail("key_ID", $"{id:D} not found")).ToList()),
            RedeemStatus.Unauthorized => KmsError.Unauthorized($"SAE '{callerSaeId}' is not a slave of one or more keys specified"),
            _ => null,
        };
        if (error is not null)
        {
            return await RefuseAsync<IReadOnlyList<DeliveredKey>>("dec_keys", callerSaeId, error, cancellationToken).ConfigureAwait(false);
        }

        Served("dec_keys", started);
        return KmsResult<IReadOnlyList<DeliveredKey>>.Ok(result.Keys);
    }

    /// <inheritdoc />
    public async Task<DepositOutcome> DepositAsync(string holderKmeId, KeyBlock block, CancellationToken cancellationToken = default)
    {
        var capacity = (long)Limits.MaxKeyCount * (Limits.KeySize / 8);
        var outcome = await _store.DepositAsync(holderKmeId, block, capacity, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (outcome == DepositOutcome.Quarantined)
        {
            Metrics.CountMismatch(Identifier.PoolName(block.SourceKmeId, block.TargetKmeId));
        }

        return outcome;
    }

    /// <summary>Expires keys older than the TTL that some slave never fetched; returns how many.</summary>
    public Task<int> ExpireAsync(CancellationToken cancellationToken = default) =>
        _store.ExpireAsync(_time.GetUtcNow() - Options.KeyTimeToLive, _time.GetUtcNow(), cancellationToken);

    /// <summary>Registers an SAE to a KME.</summary>
    public async Task RegisterSaeAsync(SaeRegistration registration, CancellationToken cancellationToken = default)
    {
        await _store.RegisterSaeAsync(registration, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _registry.Forget(registration.SaeId);
    }

    /// <summary>Sets the key policy of an SAE pair.</summary>
    public async Task SetPolicyAsync(string saeA, string saeB, KeyPolicy policy, CancellationToken cancellationToken = default)
    {
        await _store.SetPolicyAsync(saeA, saeB, policy, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every unordered pair of distinct KMEs that have SAEs registered (what the development supplier feeds).</summary>
    public async Task<IReadOnlyList<(string A, string B)>> KmePairsAsync(CancellationToken cancellationToken = default)
    {
        var kmes = (await _store.ListSaesAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.KmeId).Distinct().Order(StringComparer.Ordinal).ToList();
        var pairs = new List<(string, string)>();
        for (var i = 0; i < kmes.Count; i++)
        {
            for (var j = i + 1; j < kmes.Count; j++)
            {
                pairs.Add((kmes[i], kmes[j]));
            }
        }

        return pairs;
    }

    private KeyDeriver DeriverFor(KeyPolicy policy, string slaveKmeId) => policy switch
    {
        KeyPolicy.Hybrid => (qkd, id, n) => (HybridKeyDeriver.Hybrid(qkd!, _kem.EstablishSecret(slaveKmeId), id, n), KeyOrigin.Hybrid),
        KeyPolicy.PqcFallback => (qkd, id, n) => qkd is not null ? (qkd, KeyOrigin.Qkd) : (HybridKeyDeriver.PqcOnly(_kem.EstablishSecret(slaveKmeId), id, n), KeyOrigin.Pqc),
        _ => (qkd, _, _) => (qkd!, KeyOrigin.Qkd),
    };

    private async Task<KmsResult<(IssuePlan Plan, KeyPolicy Policy)>> PlanAsync(string callerSaeId, string slaveSaeId, EncKeysRequest request, CancellationToken cancellationToken)
    {
        var pair = await ResolvePairAsync(callerSaeId, slaveSaeId, "slave_SAE_ID", cancellationToken).ConfigureAwait(false);
        if (!pair.IsOk)
        {
            return pair.Error!;
        }

        var (master, slave) = pair.Value;

        var shape = EncKeysValidator.Check(request, Limits);
        if (shape is not null)
        {
            return shape;
        }

        var slaves = new List<string> { slave.SaeId };
        foreach (var extra in request.AdditionalSlaveSaeIds)
        {
            if (extra == master.SaeId || extra == slave.SaeId)
            {
                return KmsError.Bad("additional_slave_SAE_IDs shall not repeat the master or slave SAE ID", "additional_slave_SAE_IDs", $"'{extra}' refers to the master or the slave");
            }

            if (slaves.Contains(extra))
            {
                return KmsError.Bad("additional_slave_SAE_IDs shall not contain duplicates", "additional_slave_SAE_IDs", $"'{extra}' appears twice");
            }

            var registered = Identifier.IsValid(extra) ? await _registry.FindSaeAsync(extra, cancellationToken).ConfigureAwait(false) : null;
            if (registered is null)
            {
                return KmsError.Bad("additional slave SAE is not registered", "additional_slave_SAE_IDs", $"'{extra}' is unknown");
            }

            if (registered.KmeId != slave.KmeId)
            {
                return KmsError.Bad("additional slave SAEs shall be attached to the slave's KME", "additional_slave_SAE_IDs", $"'{extra}' is attached to KME '{registered.KmeId}', not '{slave.KmeId}'");
            }

            slaves.Add(extra);
        }

        var policy = await _store.FindPolicyAsync(master.SaeId, slave.SaeId, cancellationToken).ConfigureAwait(false) ?? Options.DefaultPolicy;
        var plan = new IssuePlan(master.SaeId, master.KmeId, slave.KmeId, slaves, (int)(request.Number ?? 1), (int)((request.Size ?? Limits.KeySize) / 8),
            AllowWithoutQkd: policy == KeyPolicy.PqcFallback);
        return KmsResult<(IssuePlan, KeyPolicy)>.Ok((plan, policy));
    }

    private async Task<KmsResult<IReadOnlyList<Guid>>> CheckDecKeysAsync(string callerSaeId, string masterSaeId, IReadOnlyList<string> keyIds, CancellationToken cancellationToken)
    {
        var pair = await ResolvePairAsync(callerSaeId, masterSaeId, "master_SAE_ID", cancellationToken).ConfigureAwait(false);
        if (!pair.IsOk)
        {
            return pair.Error!;
        }

        if (keyIds.Count == 0)
        {
            return KmsError.Bad("key_IDs shall contain at least one key_ID", "key_IDs", "empty");
        }

        if (keyIds.Count > Limits.MaxKeyPerRequest)
        {
            return KmsError.Bad("requested parameters do not adhere to KME configuration", "key_IDs", $"at most {Limits.MaxKeyPerRequest} key_IDs per request");
        }

        var ids = new List<Guid>(keyIds.Count);
        foreach (var text in keyIds)
        {
            if (!Guid.TryParseExact(text, "D", out var id))
            {
                return KmsError.Bad("key_ID shall be a UUID", "key_ID", $"'{text}' is not a UUID");
            }

            if (ids.Contains(id))
            {
                return KmsError.Bad("key_IDs shall not contain duplicates", "key_ID", $"{id:D} appears twice");
            }

            ids.Add(id);
        }
        return KmsResult<IReadOnlyList<Guid>>.Ok(ids);
    }

    /// <summary>Resolves caller and peer SAEs: the caller must be registered (else 401), the peer registered and at another KME (else 400).</summary>
    private async Task<KmsResult<(SaeRegistration Caller, SaeRegistration Peer)>> ResolvePairAsync(string callerSaeId, string peerSaeId, string peerParameter, CancellationToken cancellationToken)
    {
        var caller = Identifier.IsValid(callerSaeId) ? await _registry.FindSaeAsync(callerSaeId, cancellationToken).ConfigureAwait(false) : null;
        if (caller is null)
        {
            return KmsError.Unauthorized($"SAE '{callerSaeId}' is not registered with this KMS");
        }

        if (peerSaeId == callerSaeId)
        {
            return KmsError.Bad("master and slave SAE IDs shall differ", peerParameter, "equals the caller's SAE ID");
        }

        var peer = Identifier.IsValid(peerSaeId) ? await _registry.FindSaeAsync(peerSaeId, cancellationToken).ConfigureAwait(false) : null;
        if (peer is null)
        {
            return KmsError.Bad($"{peerParameter} is not registered", peerParameter, $"'{peerSaeId}' is unknown");
        }

        if (peer.KmeId == caller.KmeId)
        {
            return KmsError.Bad("master and slave SAEs shall be attached to different KMEs", peerParameter, $"both are attached to KME '{caller.KmeId}'");
        }

        return KmsResult<(SaeRegistration, SaeRegistration)>.Ok((caller, peer));
    }

    private async Task<KmsResult<T>> RefuseAsync<T>(string endpoint, string callerSaeId, KmsError error, CancellationToken cancellationToken)
    {
        var outcome = error.Kind switch { KmsErrorKind.Unauthorized => "unauthorized", KmsErrorKind.Unavailable => "unavailable", _ => "bad_request" };
        Metrics.CountRequest(endpoint, outcome);
        await _store.AppendAuditAsync(new AuditEvent($"sae:{callerSaeId}", AuditActions.Refuse, endpoint, outcome, error.Message), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return KmsResult<T>.Fail(error);
    }

    private void Served(string endpoint, long started, double waitedSeconds = 0)
    {
        Metrics.CountRequest(endpoint, "ok");
        Metrics.RecordDelivery(endpoint, waitedSeconds + _time.GetElapsedTime(started).TotalSeconds);
    }

    /// <inheritdoc />
    public void Dispose() => Metrics.Dispose();
}
