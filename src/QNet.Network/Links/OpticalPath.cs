using QNet.Kernel;
using QNet.Physics.Hardware;

namespace QNet.Network.Links;

/// <summary>
/// The optical path between the two nodes of a link, reduced to what heralding needs: the
/// transmittance over the full path and the one-way delay of light (and of classical messages)
/// over it. A midpoint station sits halfway: each arm has transmittance √η and half the delay.
/// </summary>
/// <param name="Transmittance">End-to-end transmittance η (0..1).</param>
/// <param name="OneWayDelay">Time light takes over the full path.</param>
/// <param name="LengthMetres">Path length in metres (for reports).</param>
public sealed record OpticalPath(double Transmittance, SimTime OneWayDelay, double LengthMetres)
{
    /// <summary>Transmittance of one arm to a midpoint station, √η (for fiber, 10^{−αL/20}).</summary>
    public double ArmTransmittance => Math.Sqrt(Transmittance);

    /// <summary>Delay of one arm to a midpoint station.</summary>
    public SimTime ArmDelay => new(OneWayDelay.Picoseconds / 2);

    /// <summary>A fiber path.</summary>
    public static OpticalPath Of(FiberChannel fiber) => new(fiber.Transmittance, fiber.Delay, fiber.LengthMetres);

    /// <summary>A free-space path.</summary>
    public static OpticalPath Of(FreeSpaceChannel channel) => new(channel.Transmittance, channel.Delay, channel.LengthMetres);

    /// <summary>No path at all: used by abstract links without a length (messages take no time).</summary>
    public static OpticalPath None { get; } = new(1, SimTime.Zero, 0);
}
