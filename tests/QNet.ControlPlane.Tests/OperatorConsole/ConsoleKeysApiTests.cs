using System.Text.Json;
using QNet.ControlPlane.Tests.Support;
using QNet.Kms.Domain;
using QNet.Kms.Supply;

namespace QNet.ControlPlane.Tests.OperatorConsole;

/// <summary>
/// <c>/api/v1/console/keys</c> per SAE pair, from the KMS of the metro control plane: keys issued in both directions,
/// the delivery rate over the last minute, the share made post-quantum under pqc-fallback, and quarantined blocks.
/// Each test registers SAEs at KMEs of its own, so its pair's figures are exact whatever else the fixture ran.
/// </summary>
[Collection("servers")]
public sealed class ConsoleKeysApiTests(MetroServerFixture fixture)
{
    private static async Task<JsonElement> PairAsync(ControlPlaneServer server, string saeA, string saeB)
    {
        var keys = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/console/keys")).RootElement;
        return Assert.Single(keys.GetProperty("pairs").EnumerateArray(), p => p.GetProperty("saeA").GetString() == saeA && p.GetProperty("saeB").GetString() == saeB);
    }

    [Fact]
    public async Task Keys_PqcFallbackPairWithoutQkdPool_EveryKeyPostQuantumAndRateOverTheLastMinute()
    {
        var server = fixture.Server;
        var kms = server.Host.Etsi.Kms;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (a, b) = ($"a-{tag}", $"b-{tag}");
        await kms.RegisterSaeAsync(new SaeRegistration(a, $"kme-a-{tag}"));
        await kms.RegisterSaeAsync(new SaeRegistration(b, $"kme-b-{tag}"));
        await kms.SetPolicyAsync(a, b, KeyPolicy.PqcFallback);

        var before = await PairAsync(server, a, b);
        Assert.Equal(0, before.GetProperty("keysIssued").GetInt64());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("pqcShare").ValueKind);

        Assert.True((await kms.GetEncKeysAsync(a, b, new EncKeysRequest(3, null, [], []))).IsOk);
        Assert.True((await kms.GetEncKeysAsync(b, a, new EncKeysRequest(2, null, [], []))).IsOk);
        var pair = await PairAsync(server, a, b);

        Assert.Equal("pqc-fallback", pair.GetProperty("policy").GetString());
        Assert.Equal(5, pair.GetProperty("keysIssued").GetInt64());
        Assert.Equal(5, pair.GetProperty("pqcKeys").GetInt64());
        Assert.Equal(1.0, pair.GetProperty("pqcShare").GetDouble());
        Assert.Equal(0, pair.GetProperty("hybridKeys").GetInt64());
        // All five were issued within the last minute of the KMS clock: 5 keys / 60 s.
        Assert.Equal(5 / 60.0, pair.GetProperty("deliveryRate").GetDouble(), 12);
        Assert.Equal(0, pair.GetProperty("quarantinedBlocks").GetInt64());
        Assert.Equal(0, pair.GetProperty("mismatches").GetInt64());

        // The Keys and Executive views show the pair with its policy, keys and post-quantum share.
        await using var browser = await ConsoleBrowserTests.SignInAsync(server, server.ViewerToken);
        foreach (var (view, box) in new[] { ("keys", "keys-tables"), ("exec", "exec-tables") })
        {
            await ConsoleBrowserTests.ShowAsync(browser, view, 0);
            var row = (await browser.EvaluateAsync($$"""
                [...document.querySelectorAll('#{{box}} tr')].map(r => [...r.cells].map(c => c.textContent)).find(c => c[0] === '{{a}} ↔ {{b}}')
                """))!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            Assert.Contains("pqc-fallback", row);
            Assert.Contains("5", row);
            Assert.Contains("100.0 %", row);
        }
        ConsoleBrowserTests.AssertNoConsoleProblems(browser);
    }

    [Fact]
    public async Task Keys_BlockCopiesDiffer_QuarantinedOnThatPairOnly()
    {
        var server = fixture.Server;
        var kms = server.Host.Etsi.Kms;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (kmeA, kmeB) = ($"kme-a-{tag}", $"kme-b-{tag}");
        await kms.RegisterSaeAsync(new SaeRegistration($"a-{tag}", kmeA));
        await kms.RegisterSaeAsync(new SaeRegistration($"b-{tag}", kmeB));
        var ours = new byte[4096];
        var theirs = new byte[4096];
        theirs[17] = 1;
        var id = Guid.NewGuid();
        await kms.DepositAsync(kmeA, new KeyBlock(id, kmeA, kmeB, ours, DateTimeOffset.UtcNow, 0.01, 1e-10));
        await kms.DepositAsync(kmeB, new KeyBlock(id, kmeA, kmeB, theirs, DateTimeOffset.UtcNow, 0.01, 1e-10));

        var pair = await PairAsync(server, $"a-{tag}", $"b-{tag}");

        Assert.Equal(1, pair.GetProperty("quarantinedBlocks").GetInt64());
        Assert.Equal(0, pair.GetProperty("storedKeys").GetInt64());
        var alice = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/console/keys")).RootElement.GetProperty("pairs").EnumerateArray()
            .Where(p => p.GetProperty("kmeA").GetString() == "alice" || p.GetProperty("kmeB").GetString() == "alice");
        Assert.All(alice, p => Assert.Equal(0, p.GetProperty("quarantinedBlocks").GetInt64()));
    }
}
