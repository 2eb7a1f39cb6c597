namespace QNet.Physics.States;

/// <summary>The result of a projective measurement of one qubit.</summary>
/// <param name="Outcome">0 or 1 (see <see cref="MeasurementBasis"/>).</param>
/// <param name="Probability">Probability that this outcome occurred, before the measurement.</param>
public readonly record struct MeasurementResult(int Outcome, double Probability);
