using QNet.Kernel;
using QNet.Qkd.Bbm92;

namespace QNet.Qkd.Tests.Bbm92;

public class Bbm92SourceSimulatorTests
{
    // Gain and QBER of the simulated SPDC source against Ma–Fung–Lo's closed forms. The gain is a
    // click fraction per pump pulse (pulses = sum of geometric gaps: relative SE √((1−Q)/C)), the
    // QBER a binomial fraction of the matched-basis coincidences; 5 standard errors each. At 200 and
    // 260 km accidental coincidences (dark counts, unpaired photons) are a large share of the total. The model
    // puts misalignment on each of Bob's photons; Ma–Fung–Lo's on each coincidence; they differ only
    // in multi-pair events (order λ·e_d·ηB), far below the tolerance at these sample sizes.
    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(40.0, 0.1)]
    [InlineData(60.0, 0.2)]
    [InlineData(10.0, 1.0)]
    [InlineData(200.0, 0.1)]
    [InlineData(260.0, 0.1)]
    public void Run_GainAndQber_MatchMaFungLoWithin5StandardErrors(double km, double meanPairs)
    {
        var link = QkdTestLinks.Gys(km);
        var source = new Bbm92Parameters(meanPairs);
        var sim = new Bbm92SourceSimulator(source, link, new RandomStream(303).Derive($"{km}-{meanPairs}"));
        const int n = 60_000;
        var records = sim.Run(n);
        var (etaA, etaB) = Bbm92Theory.SideTransmittances(source, link);
        double gain = Bbm92Theory.Gain(source.Lambda, etaA, etaB, link.VacuumYield, link.VacuumYield);
        double measured = (double)records.Count / records.PulsesSent;
        double rel = 5 * Math.Sqrt((1 - gain) / n);
        Assert.InRange(measured, gain * (1 - rel), gain * (1 + rel));

        double e = Bbm92Theory.ErrorRate(source.Lambda, etaA, etaB, link.VacuumYield, link.VacuumYield, link.Misalignment);
        for (int basis = 0; basis < 2; basis++)
        {
            int matched = 0, errors = 0;
            for (int i = 0; i < records.Count; i++)
            {
                if (records.AliceBasis[i] == basis && records.BobBasis[i] == basis)
                {
                    matched++;
                    errors += records.AliceBit[i] ^ records.BobBit[i];
                }
            }
            double se = Math.Sqrt(e * (1 - e) / matched);
            Assert.InRange((double)errors / matched, e - 5 * se, e + 5 * se);
        }
    }

    [Fact]
    public void Gain_NoLossNoDark_IsOneMinusVacuumProbability()
    {
        // With η = 1 and no dark counts a coincidence happens whenever a pair is emitted: 1 − 1/(1+λ)².
        Assert.Equal(1 - 1 / (1.05 * 1.05), Bbm92Theory.Gain(0.05, 1, 1, 0, 0), 14);
        // Perfect single pairs: no error.
        Assert.Equal(0, Bbm92Theory.ErrorRate(1e-9, 1, 1, 0, 0, 0), 6);
    }

    [Fact]
    public void Session_ShortLink_KeyBlockToSinkAndCounted()
    {
        var sink = new List<QNet.Qkd.QkdKeyBlock>();
        var session = new Bbm92Session(new Bbm92Parameters(ZBasisProbability: 0.8), QkdTestLinks.Gys(10), new QNet.Qkd.PostProcessing.PostProcessingOptions(), new RandomStream(91), "n1", "n2", new ListSink(sink));
        var result = session.RunBlock(300_000);
        Assert.Equal(QNet.Qkd.QkdBlockOutcome.KeyProduced, result.Outcome);
        Assert.True(result.KeysIdentical);
        Assert.Equal(1, session.Blocks[QNet.Qkd.QkdBlockOutcome.KeyProduced]);
        var key = Assert.Single(sink);
        Assert.Equal(("n1", "n2"), (key.InitiatorId, key.ResponderId));
        Assert.Equal(result.SecretBits, key.LengthBits);
    }

    private sealed class ListSink(List<QNet.Qkd.QkdKeyBlock> keys) : QNet.Qkd.IQkdKeySink
    {
        public void Accept(QNet.Qkd.QkdKeyBlock block) => keys.Add(block);

        public void Discarded(string initiatorId, string responderId, SimTime at, QNet.Qkd.QkdBlockOutcome outcome)
        {
        }
    }
}
