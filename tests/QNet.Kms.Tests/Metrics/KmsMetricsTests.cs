using System.Diagnostics.Metrics;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Metrics;

/// <summary>The KMS instruments carry Prometheus-ready names and count what happened.</summary>
public sealed class KmsMetricsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"qnet-met-{Guid.NewGuid():N}");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task KeyManager_ServedAndRefusedRequests_HistogramCountersAndStoredKeysGauge()
    {
        await using var store = await KmsStoreFactory.OpenAsync(Path.Combine(_directory, "kms.db"), TestData.MasterKey);
        using var kms = new KeyManager(store, new KmsOptions(), new ManualTimeProvider(TestData.Epoch));
        var delivery = new List<(string Unit, double Seconds, string Endpoint)>();
        var requests = new List<(string Endpoint, string Outcome)>();
        var stored = new List<(string Pool, long Keys)>();
        var auditHead = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, kms.Metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "qnet_kms_key_delivery_seconds")
            {
                delivery.Add((instrument.Unit!, value, (string)tags[0].Value!));
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => (string)x.Value!);
            if (instrument.Name == "qnet_kms_requests")
            {
                requests.Add((t["endpoint"], t["outcome"]));
            }

            if (instrument.Name == "qnet_kms_stored_keys")
            {
                stored.Add((t["pool"], value));
            }

            if (instrument.Name == "qnet_kms_audit_head_sequence")
            {
                auditHead.Add(value);
            }
        });
        listener.Start();

        await kms.RegisterSaeAsync(new SaeRegistration("sae-a", "alice"));
        await kms.RegisterSaeAsync(new SaeRegistration("sae-b", "bob"));
        await kms.DepositAsync("alice", TestData.Block(1, bytes: 320));
        await kms.DepositAsync("bob", TestData.Block(1, bytes: 320));
        var issued = await kms.GetEncKeysAsync("sae-a", "sae-b", EncKeysRequest.Default);
        await kms.GetDecKeysAsync("sae-b", "sae-a", [issued.Value[0].KeyId.ToString()]);
        await kms.GetDecKeysAsync("sae-b", "sae-a", [issued.Value[0].KeyId.ToString()]);
        await kms.GetEncKeysAsync("sae-x", "sae-b", EncKeysRequest.Default);
        listener.RecordObservableInstruments();

        Assert.Equal(["enc_keys", "dec_keys"], delivery.Select(d => d.Endpoint));
        Assert.All(delivery, d => { Assert.Equal("s", d.Unit); Assert.True(d.Seconds >= 0); });
        Assert.Equal([("enc_keys", "ok"), ("dec_keys", "ok"), ("dec_keys", "bad_request"), ("enc_keys", "unauthorized")], requests);
        // 320 bytes = 10 keys of 256 bits; one was issued.
        Assert.Equal([("alice|bob", 9L)], stored);
        // Audited: 2 registrations, 2 deposits, 1 issue, 1 delivery, 2 refusals.
        Assert.Equal([8L], auditHead);
        Assert.Equal(8, (await store.ReadAuditAsync()).Count);
    }

    [Fact]
    public async Task GetEncKeys_RequestWaitedForKeySupply_DeliveryTimeCountsTheWait()
    {
        var clock = new ManualTimeProvider(TestData.Epoch);
        await using var store = await KmsStoreFactory.OpenAsync(Path.Combine(_directory, "kms.db"), TestData.MasterKey);
        using var kms = new KeyManager(store, new KmsOptions(), clock);
        var delivery = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, kms.Metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == Sre.MetricCatalogue.KmsKeyDeliverySeconds)
            {
                delivery.Add(value);
            }
        });
        listener.Start();
        await kms.RegisterSaeAsync(new SaeRegistration("sae-a", "alice"));
        await kms.RegisterSaeAsync(new SaeRegistration("sae-b", "bob"));

        var refused = await kms.GetEncKeysAsync("sae-a", "sae-b", EncKeysRequest.Default);
        clock.Advance(TimeSpan.FromSeconds(30));
        var stillRefused = await kms.GetEncKeysAsync("sae-a", "sae-b", EncKeysRequest.Default);
        clock.Advance(TimeSpan.FromSeconds(12));
        await kms.DepositAsync("alice", TestData.Block(1, bytes: 320));
        await kms.DepositAsync("bob", TestData.Block(1, bytes: 320));
        var served = await kms.GetEncKeysAsync("sae-a", "sae-b", EncKeysRequest.Default);
        var again = await kms.GetEncKeysAsync("sae-a", "sae-b", EncKeysRequest.Default);

        Assert.False(refused.IsOk);
        Assert.False(stillRefused.IsOk);
        Assert.True(served.IsOk);
        Assert.True(again.IsOk);
        // Refused ones are not deliveries; the first served request counts the 42 s since the first refusal, the next
        // one only its own service time (the wait ended with the delivery).
        Assert.Equal(2, delivery.Count);
        Assert.True(delivery[0] >= 42, $"delivery time {delivery[0]} s leaves out the 42 s wait for supply");
        Assert.True(delivery[1] < delivery[0] - 41, $"the wait was counted twice: {delivery[1]} s");
    }
}
