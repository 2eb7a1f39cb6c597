namespace QNet.Network.Planning;

/// <summary>
/// Prices of a repeater chain (docs/planning.md, default in scenarios/costs.yaml). Capital costs are
/// spread over <see cref="LifetimeYears"/>; a design's yearly cost is capital / lifetime + operating
/// cost, and its cost per usable pair is the yearly cost over the pairs it delivers in a year.
/// </summary>
/// <param name="Currency">Currency label used in output (e.g. EUR).</param>
/// <param name="LifetimeYears">Years over which capital cost is spread (&gt; 0).</param>
/// <param name="Fiber">Fiber price per km by attenuation class; a design takes the cheapest class at or below its attenuation.</param>
/// <param name="MemorySlot">Price per memory slot by T2 class; a design takes the cheapest class at or above its T2.</param>
/// <param name="Repeater">Capital cost of one repeater node without its memory slots and detectors.</param>
/// <param name="EndNode">Capital cost of one end node without its memory slots.</param>
/// <param name="Detector">Capital cost of one single-photon detector.</param>
/// <param name="OperatingBasePerYear">Yearly operating cost of the network as a whole.</param>
/// <param name="OperatingPerRepeaterPerYear">Yearly operating cost of each repeater (site, power, staff).</param>
/// <param name="OperatingPerKmPerYear">Yearly operating cost per km of fiber (lease, maintenance).</param>
public sealed record CostModel(
    string Currency,
    double LifetimeYears,
    IReadOnlyList<CostClass> Fiber,
    IReadOnlyList<CostClass> MemorySlot,
    double Repeater,
    double EndNode,
    double Detector,
    double OperatingBasePerYear,
    double OperatingPerRepeaterPerYear,
    double OperatingPerKmPerYear)
{
    /// <summary>Seconds in a (Julian) year, 365.25 days.</summary>
    public const double SecondsPerYear = 365.25 * 86_400;

    /// <summary>Years of amortisation (&gt; 0).</summary>
    public double LifetimeYears { get; } = LifetimeYears > 0 && double.IsFinite(LifetimeYears)
        ? LifetimeYears
        : throw new ArgumentOutOfRangeException(nameof(LifetimeYears), LifetimeYears, "lifetime must be greater than 0 years.");

    /// <summary>Fiber classes (at least one).</summary>
    public IReadOnlyList<CostClass> Fiber { get; } = Fiber is { Count: > 0 } ? Fiber : throw new ArgumentException("fiber needs at least one class.", nameof(Fiber));

    /// <summary>Memory classes (at least one).</summary>
    public IReadOnlyList<CostClass> MemorySlot { get; } = MemorySlot is { Count: > 0 } ? MemorySlot : throw new ArgumentException("memorySlot needs at least one class.", nameof(MemorySlot));

    /// <summary>The fiber price per km for attenuation <paramref name="dbPerKm"/>, or null when no class is that good.</summary>
    public double? FiberPerKm(double dbPerKm) =>
        Fiber.Where(c => c.Threshold <= dbPerKm * (1 + 1e-12)).Select(c => (double?)c.Price).Min();

    /// <summary>The price of one memory slot of coherence time <paramref name="t2Seconds"/>, or null when no class lasts that long.</summary>
    public double? MemorySlotPrice(double t2Seconds) =>
        MemorySlot.Where(c => c.Threshold >= t2Seconds * (1 - 1e-12)).Select(c => (double?)c.Price).Min();
}

/// <summary>A price for a quality class: fiber attenuation (dB/km) or memory T2 (seconds).</summary>
/// <param name="Threshold">The class's attenuation in dB/km (fiber) or T2 in seconds (memory; may be infinite).</param>
/// <param name="Price">Price per km (fiber) or per slot (memory), ≥ 0.</param>
public sealed record CostClass(double Threshold, double Price)
{
    /// <summary>Price, ≥ 0.</summary>
    public double Price { get; } = Price >= 0 && double.IsFinite(Price) ? Price : throw new ArgumentOutOfRangeException(nameof(Price), Price, "price must not be negative.");
}
