using QNet.Physics.Hardware;

namespace QNet.Network.Scenarios;

/// <summary>How a repeater swaps: the scheduling protocol and the (noisy) Bell-state measurement.</summary>
/// <param name="Protocol">Swap scheduling (<c>protocol</c>, default asap).</param>
/// <param name="Measurement">
/// The Bell-state measurement: <c>successProbability</c> (default 1), <c>gateDepolarizing</c> (default 0,
/// ρ → (1−p)ρ + p·I/4), <c>readoutError</c> (default 0, per readout bit).
/// </param>
public sealed record SwapSpec(SwapProtocol Protocol, BellStateMeasurement Measurement)
{
    /// <summary>ASAP swapping with an ideal measurement.</summary>
    public static SwapSpec Default { get; } = new(SwapProtocol.Asap, BellStateMeasurement.Ideal);
}
