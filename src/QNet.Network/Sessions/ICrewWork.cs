using QNet.Kernel;

namespace QNet.Network.Sessions;

/// <summary>What <see cref="PartitionCrew"/> runs at a sync point: a session partition.</summary>
internal interface ICrewWork
{
    /// <summary>Its recent work (any unit, the same for all): heavier ones are started first.</summary>
    double Load { get; }

    /// <summary>Runs it to <paramref name="until"/>, on whichever thread claims it.</summary>
    void RunTo(SimTime until);
}
