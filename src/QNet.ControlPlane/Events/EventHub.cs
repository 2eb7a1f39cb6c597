using System.Threading.Channels;

namespace QNet.ControlPlane.Events;

/// <summary>
/// Fans twin events out to event-stream subscribers. Each subscriber has a bounded queue that drops its oldest
/// entries when the client reads too slowly. Heralds, swaps, deliveries and losses are rate-limited to
/// <see cref="MaxSampledPerSecond"/> of each type per wall-clock second (the stream is a sample of them, the metrics
/// count all); session changes are never sampled out.
/// </summary>
internal sealed class EventHub
{
    /// <summary>Sampled events of one type let through per wall-clock second.</summary>
    public const int MaxSampledPerSecond = 50;

    /// <summary>Queue length of one subscriber.</summary>
    public const int SubscriberCapacity = 1024;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Second, int Count)> _budget = new(StringComparer.Ordinal);
    private Channel<TwinEvent>[] _subscribers = [];

    public EventHub(TimeProvider time) => _time = time;

    /// <summary>True when someone is listening (publishers skip building events otherwise).</summary>
    public bool HasSubscribers => _subscribers.Length > 0;

    /// <summary>Publishes a session change (never dropped by sampling).</summary>
    public void PublishAlways(TwinEvent e)
    {
        foreach (var s in _subscribers)
        {
            s.Writer.TryWrite(e);
        }
    }

    /// <summary>True if an event of <paramref name="type"/> may be published now (call before building it).</summary>
    public bool Admit(string type)
    {
        if (!HasSubscribers)
        {
            return false;
        }
        long second = _time.GetTimestamp() / _time.TimestampFrequency;
        lock (_gate)
        {
            var (s, n) = _budget.GetValueOrDefault(type);
            if (s != second)
            {
                (s, n) = (second, 0);
            }
            if (n >= MaxSampledPerSecond)
            {
                return false;
            }
            _budget[type] = (s, n + 1);
            return true;
        }
    }

    /// <summary>Subscribes; dispose the returned handle to stop.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<TwinEvent>(new BoundedChannelOptions(SubscriberCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers = [.. _subscribers, channel];
        }
        return new Subscription(this, channel);
    }

    private void Remove(Channel<TwinEvent> channel)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(c => c != channel).ToArray();
        }
        channel.Writer.TryComplete();
    }

    /// <summary>A live subscription.</summary>
    public sealed class Subscription(EventHub hub, Channel<TwinEvent> channel) : IDisposable
    {
        public ChannelReader<TwinEvent> Reader => channel.Reader;

        public void Dispose() => hub.Remove(channel);
    }
}
