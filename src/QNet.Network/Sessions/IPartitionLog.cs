namespace QNet.Network.Sessions;

/// <summary>A session partition's record of calls to replay on the shared thread in time order (<see cref="IPartitionObserver"/>).</summary>
public interface IPartitionLog
{
    /// <summary>Records a call made now (the partition's simulated time), to reach <see cref="IPartitionObserver.Replay"/> with these arguments.</summary>
    void Record(int kind, int index, double value, double latency, bool flag);
}
