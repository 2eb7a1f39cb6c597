using QNet.Physics.States;

namespace QNet.Physics.Purification;

/// <summary>The outcome of one purification round on two pairs.</summary>
/// <param name="SuccessProbability">Probability that the two measured bits agree and the kept pair survives.</param>
/// <param name="State">The kept pair's state given success.</param>
public readonly record struct PurificationResult(double SuccessProbability, BellDiagonalState State);
