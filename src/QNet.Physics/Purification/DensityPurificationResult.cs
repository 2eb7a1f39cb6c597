using QNet.Physics.States;

namespace QNet.Physics.Purification;

/// <summary>The outcome of one purification round on two pairs held as density matrices.</summary>
/// <param name="SuccessProbability">Probability that the two measured bits agree and the kept pair survives.</param>
/// <param name="State">The kept pair's two-qubit state given success (a new register).</param>
public readonly record struct DensityPurificationResult(double SuccessProbability, DensityMatrix State);
