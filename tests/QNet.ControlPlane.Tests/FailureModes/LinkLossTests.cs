using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.FailureModes;

/// <summary>F1, link loss (docs/failure-modes.md): a cut or an attenuation step on a metro link, end to end.</summary>
public sealed class LinkLossTests(ITestOutputHelper output)
{
    private const string Link = "carol-hub";

    // carol-hub: 12 km at 0.2 dB/km (scenarios/metro.yaml).
    private const double LengthKm = 12;
    private const double AttenuationDbPerKm = 0.2;

    private const string PairsGenerated = "qnet_link_pairs_generated_total";
    private const string TransmittanceRatio = "qnet_link_transmittance_ratio";

    [Fact]
    public void Inject_LinkCut_TransmittanceZeroLinkDownFiresAndClearRestores()
    {
        var h = new FailureModeHarness();
        h.Run(TimeSpan.FromMinutes(2));
        double healthy = Math.Pow(10, -AttenuationDbPerKm * LengthKm / 10);
        Assert.Equal(healthy, View(h).Transmittance, 12);
        double pairsBefore = h.Latest(PairsGenerated, "link", Link) ?? 0;
        Assert.True(pairsBefore > 0, "the healthy link generates pairs");

        var id = h.Inject(FaultKind.LinkCut, Link, 0);
        // QNetLinkDown: rate over 5 m equal to 0 for 2 m, so firing 7 m after the last pair; 8 m leaves one evaluation to spare.
        h.Run(TimeSpan.FromMinutes(8));
        Assert.Equal(0, View(h).Transmittance);
        Assert.False(View(h).Up);
        Assert.Equal(pairsBefore, h.Latest(PairsGenerated, "link", Link) ?? 0, 6);
        Assert.Equal("firing", h.AlertStatus("QNetLinkDown", "link", Link));
        foreach (var r in h.Mitigation.Recent)
        {
            output.WriteLine($"{r.SimulatedSeconds:F0}s {r.Action} {r.Reason} {r.Target} {r.Value} lifted={r.Lifted}: {r.Detail}");
        }
        // The reroute rule avoids the link (its rate ratio fell to 0); carol reaches the hub only over carol-hub, so no
        // running session can move: the sessions wait for the repair.
        Assert.NotEmpty(h.Actions("reroute", Link));

        h.Clear(id);
        h.Run(TimeSpan.FromMinutes(2));
        Assert.True(View(h).Up);
        Assert.Equal(healthy, View(h).Transmittance, 12);
        Assert.True((h.Latest(PairsGenerated, "link", Link) ?? 0) > pairsBefore, "pairs are generated again after the repair");
        Assert.Null(h.AlertStatus("QNetLinkDown", "link", Link));
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }

    [Fact]
    public void Inject_AttenuationStep_TransmittanceFollowsBeerLambert()
    {
        var h = new FailureModeHarness();
        h.Run(TimeSpan.FromMinutes(1));
        double healthyRate = h.Latest(PairsGenerated, "link", Link) ?? 0;

        const double step = 0.3; // dB/km added
        var id = h.Inject(FaultKind.AttenuationStep, Link, step);
        h.Run(TimeSpan.FromMinutes(1));
        double expected = Math.Pow(10, -(AttenuationDbPerKm + step) * LengthKm / 10);
        Assert.Equal(expected, View(h).Transmittance, 12);
        Assert.Equal(expected, h.Latest(TransmittanceRatio, "link", Link) ?? double.NaN, 12);
        double faultedRate = (h.Latest(PairsGenerated, "link", Link) ?? 0) - healthyRate;
        output.WriteLine($"pairs healthy minute {healthyRate}, faulted minute {faultedRate}");
        foreach (var r in h.Mitigation.Recent)
        {
            output.WriteLine($"{r.SimulatedSeconds:F0}s {r.Action} {r.Reason} {r.Target} {r.Value} lifted={r.Lifted}: {r.Detail}");
        }

        h.Clear(id);
        h.Run(TimeSpan.FromSeconds(30));
        Assert.Equal(Math.Pow(10, -AttenuationDbPerKm * LengthKm / 10), View(h).Transmittance, 12);
    }

    private static ControlPlane.Twin.LinkView View(FailureModeHarness h) => h.Twin.Snapshot.Links.Single(l => l.Id == Link);
}
