using QNet.Physics.States;

namespace QNet.Network.Entanglement;

/// <summary>Receives end-to-end pairs from a path; it must call <see cref="PathProtocol.ReleaseLane"/> when done with each.</summary>
internal interface IEndToEndConsumer
{
    /// <summary>
    /// An end-to-end pair is ready in <paramref name="lane"/>; <paramref name="state"/> is its state now,
    /// <paramref name="bornPicoseconds"/> the herald time of its oldest link pair.
    /// </summary>
    void OnEndToEnd(PathProtocol path, int lane, BellDiagonalState state, long bornPicoseconds);
}
