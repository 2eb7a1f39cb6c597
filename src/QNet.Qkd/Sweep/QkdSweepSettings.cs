using QNet.Qkd.Bb84;
using QNet.Qkd.Bbm92;
using QNet.Qkd.PostProcessing;

namespace QNet.Qkd.Sweep;

/// <summary>A key-rate-versus-distance study on one kind of link.</summary>
/// <param name="Protocol">Which protocol to run.</param>
/// <param name="Link">The link; its fiber length is replaced by each distance.</param>
/// <param name="DistancesMetres">Fiber lengths to simulate, in metres.</param>
/// <param name="Bb84">Decoy-state BB84 parameters (used when <paramref name="Protocol"/> is BB84).</param>
/// <param name="Bbm92">BBM92 source parameters (used when <paramref name="Protocol"/> is BBM92).</param>
/// <param name="PostProcessing">Post-processing settings.</param>
/// <param name="SiftedBitsPerBlock">Target sifted (matched-Z) key bits per block (&gt; 0).</param>
/// <param name="BlocksPerDistance">Blocks simulated at each distance (≥ 1).</param>
/// <param name="Seed">Root seed; each distance derives its own stream from it and its length, so results do not depend on scheduling.</param>
public sealed record QkdSweepSettings(
    QkdProtocol Protocol,
    QkdLink Link,
    IReadOnlyList<double> DistancesMetres,
    DecoyBb84Parameters Bb84,
    Bbm92Parameters Bbm92,
    PostProcessingOptions PostProcessing,
    int SiftedBitsPerBlock = 1_000_000,
    int BlocksPerDistance = 1,
    ulong Seed = 1)
{
    /// <summary>The link.</summary>
    public QkdLink Link { get; } = Link ?? throw new ArgumentNullException(nameof(Link));

    /// <summary>Distances in metres.</summary>
    public IReadOnlyList<double> DistancesMetres { get; } = DistancesMetres is { Count: > 0 } d && d.All(x => x >= 0 && double.IsFinite(x))
        ? DistancesMetres : throw new ArgumentException("distances must be a non-empty list of non-negative lengths.", nameof(DistancesMetres));

    /// <summary>Sifted bits per block.</summary>
    public int SiftedBitsPerBlock { get; } = SiftedBitsPerBlock is > 0 and <= 50_000_000
        ? SiftedBitsPerBlock : throw new ArgumentOutOfRangeException(nameof(SiftedBitsPerBlock), SiftedBitsPerBlock, "siftedBitsPerBlock must lie between 1 and 5e7.");

    /// <summary>Blocks per distance.</summary>
    public int BlocksPerDistance { get; } = BlocksPerDistance is >= 1 and <= 1000
        ? BlocksPerDistance : throw new ArgumentOutOfRangeException(nameof(BlocksPerDistance), BlocksPerDistance, "blocksPerDistance must lie between 1 and 1000.");
}
