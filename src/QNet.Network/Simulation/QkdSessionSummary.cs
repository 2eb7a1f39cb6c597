using QNet.Network.Qkd;

namespace QNet.Network.Simulation;

/// <summary>A qkd session's BBM92 figures over independent runs: means with standard errors.</summary>
/// <param name="SiftedBits">Raw (sifted Z) key bits per run.</param>
/// <param name="Qber">Measured QBER of the sifted bits.</param>
/// <param name="ExpectedQber">Q_Z = λ_X + λ_Y averaged over the delivered states.</param>
/// <param name="SecretBits">Secret key bits per run.</param>
/// <param name="Blocks">Blocks that produced key, per run.</param>
/// <param name="DiscardedBlocks">Blocks that produced none, per run.</param>
/// <param name="SecretBitsPerSecond">Secret bits per second of service.</param>
/// <param name="AsymptoticBitsPerPair">Asymptotic secret bits per delivered pair.</param>
/// <param name="AsymptoticBitsPerSecond">Asymptotic secret bits per second at the delivered pair rate.</param>
/// <param name="BlockSizeBits">Sifted bits per block.</param>
public sealed record QkdSessionSummary(
    Estimate SiftedBits,
    Estimate Qber,
    Estimate ExpectedQber,
    Estimate SecretBits,
    Estimate Blocks,
    Estimate DiscardedBlocks,
    Estimate SecretBitsPerSecond,
    Estimate AsymptoticBitsPerPair,
    Estimate AsymptoticBitsPerSecond,
    long BlockSizeBits)
{
    /// <summary>Summarises the runs' figures; null when there are none (not a qkd session, or never admitted).</summary>
    public static QkdSessionSummary? Of(IEnumerable<QkdSessionFigures?> runs)
    {
        QkdSessionFigures[] r = [.. runs.OfType<QkdSessionFigures>()];
        if (r.Length == 0)
        {
            return null;
        }
        return new QkdSessionSummary(
            Estimate.Of(r.Select(x => (double)x.SiftedBits)),
            Estimate.Of(r.Select(x => x.Qber)),
            Estimate.Of(r.Select(x => x.ExpectedQber)),
            Estimate.Of(r.Select(x => (double)x.SecretBits)),
            Estimate.Of(r.Select(x => (double)x.Blocks)),
            Estimate.Of(r.Select(x => (double)x.DiscardedBlocks)),
            Estimate.Of(r.Select(x => x.SecretBitsPerSecond)),
            Estimate.Of(r.Select(x => x.AsymptoticBitsPerPair)),
            Estimate.Of(r.Select(x => x.AsymptoticBitsPerSecond)),
            r[0].BlockSizeBits);
    }
}
