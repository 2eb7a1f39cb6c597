using QNet.Physics.States;

namespace QNet.Network.Entanglement;

/// <summary>
/// Receives end-to-end pairs from a path. The pair keeps a memory slot at each end until the
/// consumer calls <see cref="PathProtocol.Release"/> with its handle.
/// </summary>
internal interface IEndToEndConsumer
{
    /// <summary>
    /// An end-to-end pair is ready; <paramref name="state"/> is its state now, <paramref name="bornPicoseconds"/>
    /// the herald time of its oldest link pair, <paramref name="handle"/> what to release it with.
    /// </summary>
    void OnEndToEnd(PathProtocol path, long handle, BellDiagonalState state, long bornPicoseconds);
}
