using QNet.Kernel;

namespace QNet.Qkd;

/// <summary>
/// What a QKD session has made so far, block by block, and where its blocks go: each finished block
/// is counted by outcome, its secret bits added, and its key (or the news that there is none) handed
/// to the sink. Shared by the BB84 and BBM92 sessions.
/// </summary>
internal sealed class QkdBlockLedger(string initiatorId, string responderId, IQkdKeySink? sink)
{
    private readonly Dictionary<QkdBlockOutcome, int> _blocks = Enum.GetValues<QkdBlockOutcome>().ToDictionary(o => o, _ => 0);

    /// <summary>Blocks processed, by outcome.</summary>
    public IReadOnlyDictionary<QkdBlockOutcome, int> Blocks => _blocks;

    /// <summary>Secret bits produced so far.</summary>
    public long SecretBits { get; private set; }

    /// <summary>The initiating end (Alice).</summary>
    public string Initiator => initiatorId;

    /// <summary>The responding end (Bob).</summary>
    public string Responder => responderId;

    /// <summary>Records one finished block and hands its key, or its loss, to the sink.</summary>
    public void Record(QkdBlockOutcome outcome, long secretBits, QkdKeyBlock? key, SimTime at)
    {
        _blocks[outcome]++;
        SecretBits += secretBits;
        if (key is not null)
        {
            sink?.Accept(key);
        }
        else
        {
            sink?.Discarded(initiatorId, responderId, at, outcome);
        }
    }
}
