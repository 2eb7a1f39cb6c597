namespace QNet.Network.Links;

/// <summary>
/// The parallel generation channels (attempt capacity) of one physical link, shared by every session whose path uses
/// it. A session's link runtime (<see cref="HeraldedLink"/>) needs a channel for each run of attempts up to a herald:
/// it gets a free one at once, or waits in line; at the herald the pair moves to the memory slots and the channel goes
/// to the next in line under <see cref="Sharing"/>. Each channel keeps its own attempt clock, so a channel handed to
/// another session cannot start earlier than its own attempt cycle allows: the link's total rate is at most
/// <c>Channels × p/τ</c> whatever the number of sessions. Deterministic: ties go to the earliest arrival.
/// </summary>
public sealed class LinkChannelPool
{
    private readonly Stack<int> _free;
    private readonly long[] _nextStart;     // per channel: earliest start of its next attempt, ps
    private readonly List<Claim> _waiting = []; // claims with at least one slot waiting, in arrival order
    private double _virtualTime;            // stride scheduling: the pass of the last grant

    /// <summary>Creates the pool of <paramref name="channels"/> idle channels.</summary>
    /// <param name="fullRateHz">The link's whole capacity, Channels × p/τ, in Hz: the weight of a session without a rate under proportional sharing.</param>
    public LinkChannelPool(string linkId, int channels, ChannelSharing sharing, double fullRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (!(fullRateHz > 0) || double.IsInfinity(fullRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(fullRateHz), fullRateHz, "the link's capacity must be positive and finite.");
        }
        LinkId = linkId;
        Channels = channels;
        Sharing = sharing;
        FullRateHz = fullRateHz;
        _nextStart = new long[channels];
        _free = new Stack<int>(Enumerable.Range(0, channels).Reverse());
    }

    /// <summary>The link's id.</summary>
    public string LinkId { get; }

    /// <summary>Parallel generation channels (≥ 1).</summary>
    public int Channels { get; }

    /// <summary>How waiting sessions share them.</summary>
    public ChannelSharing Sharing { get; }

    /// <summary>Channels × p/τ in Hz.</summary>
    public double FullRateHz { get; }

    /// <summary>Channels attempting now.</summary>
    public int InUse => Channels - _free.Count;

    /// <summary>A session's place in the pool: its priority and, under proportional sharing, its requested rate (Hz, null for none).</summary>
    internal Claim Join(HeraldedLink link, int priority, double? rateHz)
    {
        double weight = Sharing == ChannelSharing.Proportional ? rateHz is > 0 ? rateHz.Value : FullRateHz : 1;
        return new Claim(this, link, priority, 1 / weight);
    }

    /// <summary>When <paramref name="channel"/> may start its next attempt, in ps.</summary>
    internal long NextStart(int channel) => _nextStart[channel];

    /// <summary>A free channel for <paramref name="slot"/> of the claim's link, or −1: the slot waits and is granted one later.</summary>
    internal int Request(Claim claim, int slot)
    {
        // Invariant: a channel is free only while nobody waits.
        if (_free.Count > 0)
        {
            return _free.Pop();
        }
        if (claim.Slots.Count == 0)
        {
            claim.Pass = Math.Max(claim.Pass, _virtualTime);
            _waiting.Add(claim);
        }
        claim.Slots.Enqueue(slot);
        return -1;
    }

    /// <summary>A channel heralded (or its user stopped): it may attempt again from <paramref name="nextStart"/> ps and goes to the next in line.</summary>
    internal void Return(int channel, long nextStart)
    {
        _nextStart[channel] = nextStart;
        if (_waiting.Count == 0)
        {
            _free.Push(channel);
            return;
        }
        int pick = Pick();
        Claim claim = _waiting[pick];
        int slot = claim.Slots.Dequeue();
        _virtualTime = claim.Pass;
        claim.Pass += claim.Stride;
        if (claim.Slots.Count == 0)
        {
            _waiting.RemoveAt(pick);
        }
        claim.Link.Granted(slot, channel);
    }

    /// <summary>The claim's link stopped: its waiting slots leave the line.</summary>
    internal void Leave(Claim claim)
    {
        claim.Slots.Clear();
        _waiting.Remove(claim);
    }

    // The waiting claim served next: the highest priority first under priority sharing, then the smallest pass
    // (equal strides: turns; strides 1/rate: shares proportional to rate), then the earliest arrival.
    private int Pick()
    {
        int best = 0;
        for (int i = 1; i < _waiting.Count; i++)
        {
            Claim c = _waiting[i], b = _waiting[best];
            if (Sharing == ChannelSharing.Priority && c.Priority != b.Priority)
            {
                if (c.Priority > b.Priority)
                {
                    best = i;
                }
                continue;
            }
            if (c.Pass < b.Pass)
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>One link runtime's standing in the pool.</summary>
    internal sealed class Claim(LinkChannelPool pool, HeraldedLink link, int priority, double stride)
    {
        public LinkChannelPool Pool { get; } = pool;

        public HeraldedLink Link { get; } = link;

        public int Priority { get; } = priority;

        /// <summary>Pass added per grant: 1, or 1/rate under proportional sharing.</summary>
        public double Stride { get; } = stride;

        public double Pass { get; set; }

        /// <summary>The link's slots waiting for a channel, in order.</summary>
        public Queue<int> Slots { get; } = new();
    }
}
