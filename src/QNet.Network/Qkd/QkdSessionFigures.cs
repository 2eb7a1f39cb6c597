namespace QNet.Network.Qkd;

/// <summary>What BBM92 made of a qkd session's delivered pairs in one run.</summary>
/// <param name="Pairs">Delivered end-to-end pairs measured.</param>
/// <param name="SiftedBits">Raw key bits: pairs both ends measured in Z (all of them, including a last, unfinished block).</param>
/// <param name="Qber">Measured QBER of the sifted bits (errors over sifted bits; NaN without sifted bits).</param>
/// <param name="ExpectedQber">Q_Z = λ_X + λ_Y averaged over the delivered Bell-diagonal states (NaN without pairs).</param>
/// <param name="SecretBits">Secret key bits produced by the finished blocks.</param>
/// <param name="Blocks">Finished blocks that produced key.</param>
/// <param name="DiscardedBlocks">Finished blocks that produced none (verification failed or no positive finite-key length).</param>
/// <param name="BlockSizeBits">Sifted bits per post-processing block.</param>
/// <param name="AsymptoticBitsPerPair">
/// Asymptotic secret bits per delivered pair, p_Z²·max(0, 1 − f·h(Q_Z) − h(Q_X)) with the averaged
/// expected Q_Z and Q_X = λ_Z + λ_Y (1 − 2h(Q) when both are equal and f = 1).
/// </param>
/// <param name="SecretBitsPerSecond">Secret bits over the time the session was served (NaN when not served).</param>
/// <param name="AsymptoticBitsPerSecond">Asymptotic bits per pair times delivered pairs per second.</param>
public sealed record QkdSessionFigures(
    long Pairs,
    long SiftedBits,
    double Qber,
    double ExpectedQber,
    long SecretBits,
    int Blocks,
    int DiscardedBlocks,
    long BlockSizeBits,
    double AsymptoticBitsPerPair,
    double SecretBitsPerSecond,
    double AsymptoticBitsPerSecond);
