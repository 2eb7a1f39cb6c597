namespace QNet.Network.Scenarios;

/// <summary>
/// Where a node is drawn on the operator console's map (<c>position: { x, y }</c> of a node). Map units are free
/// (kilometres read best); x grows east and y north. The simulator never reads it: link lengths come from each link.
/// </summary>
/// <param name="X">Easting, any finite number.</param>
/// <param name="Y">Northing, any finite number.</param>
public sealed record NodePosition(double X, double Y)
{
    /// <summary>Easting.</summary>
    public double X { get; } = double.IsFinite(X) ? X : throw new ArgumentOutOfRangeException(nameof(X), X, "position.x must be a finite number.");

    /// <summary>Northing.</summary>
    public double Y { get; } = double.IsFinite(Y) ? Y : throw new ArgumentOutOfRangeException(nameof(Y), Y, "position.y must be a finite number.");
}
