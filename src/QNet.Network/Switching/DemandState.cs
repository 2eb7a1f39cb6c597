namespace QNet.Network.Switching;

/// <summary>
/// The waiting requests of one <see cref="SwitchDemand"/> during a run: open while the session lasts;
/// Poisson requests queue by arrival time (ps), a batch of <c>pairs</c> counts down.
/// </summary>
internal sealed class DemandState(SwitchDemand demand)
{
    private readonly Queue<long> _arrivals = new();
    private long _batchLeft;
    private long _batchTime;
    private readonly bool _alwaysOn = demand.AlwaysOn;

    public SwitchDemand Demand { get; } = demand;

    public bool Open { get; private set; }

    public long Requests { get; private set; }

    public long Served { get; private set; }

    public long FailedSwaps { get; set; }

    public double WaitSumPs { get; private set; }

    public long Waited { get; private set; }

    public double QubitAgeSumPs { get; set; }

    /// <summary>True when a request is waiting now.</summary>
    public bool Waiting => Open && (_alwaysOn || _batchLeft > 0 || _arrivals.Count > 0);

    public void OpenAt(long now)
    {
        Open = true;
        if (Demand.Pairs is { } pairs)
        {
            _batchLeft = pairs;
            _batchTime = now;
            Requests += pairs;
        }
    }

    /// <summary>Closes the demand; requests still waiting are not served.</summary>
    public void Close()
    {
        Open = false;
        _arrivals.Clear();
        _batchLeft = 0;
    }

    public void Arrive(long now)
    {
        Requests++;
        _arrivals.Enqueue(now);
    }

    /// <summary>Delivers one state to the oldest waiting request at <paramref name="now"/>.</summary>
    public void Deliver(long now)
    {
        Served++;
        if (_arrivals.TryDequeue(out long arrival))
        {
            WaitSumPs += now - arrival;
            Waited++;
        }
        else if (_batchLeft > 0)
        {
            WaitSumPs += now - _batchTime;
            Waited++;
            if (--_batchLeft == 0)
            {
                Open = false;
            }
        }
    }
}
