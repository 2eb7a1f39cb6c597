using QNet.Kernel;

namespace QNet.Agent.Emulation;

/// <summary>
/// A quantum memory whose coherence time the agent measures as an operator's test routine would (Ramsey): store
/// <see cref="Shots"/> test qubits in |+⟩, wait w, measure X. P(+) = (1 + e^(−w/T2)) / 2, so T2 = −w / ln(2p̂ − 1).
/// Each outcome is a Bernoulli draw on the memory's seeded stream, so the estimate carries its statistical noise:
/// σ(T2)/T2 = 2·√(p(1−p)/N) / (x·|ln x|) with x = e^(−w/T2), about 2.5 % at N = 10,000 and w = T2. The wait is the
/// last estimate, which keeps w near the true time as it changes (the most informative wait is about one decay time).
/// </summary>
internal sealed class EmulatedMemory(string id, double coherenceSeconds, RandomStream random)
{
    /// <summary>Test qubits per estimate.</summary>
    public const int Shots = 10_000;

    private double _coherenceSeconds = Positive(coherenceSeconds);
    private double _wait = Positive(coherenceSeconds);

    public string Id { get; } = id;

    /// <summary>The memory's true T2, s (what the emulated hardware has; set-parameter t2_seconds changes it).</summary>
    public double CoherenceSeconds
    {
        get => _coherenceSeconds;
        set => _coherenceSeconds = Positive(value);
    }

    /// <summary>Measures T2 with <see cref="Shots"/> test qubits; returns the estimate and its standard error, s.</summary>
    public CoherenceMeasurement Measure()
    {
        double w = _wait;
        double p = (1 + Math.Exp(-w / _coherenceSeconds)) / 2;
        int plus = 0;
        for (int i = 0; i < Shots; i++)
        {
            if (random.NextBernoulli(p))
            {
                plus++;
            }
        }
        var measurement = CoherenceMeasurement.From(w, plus, Shots);
        // Every qubit lost coherence (the wait was far too long) or none did (far too short): halve or double the wait.
        _wait = measurement.Seconds switch
        {
            0 => _wait / 2,
            double.PositiveInfinity => _wait * 2,
            var t2 => t2,
        };
        return measurement;
    }

    private static double Positive(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 ? seconds : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "coherence time must be a finite number of seconds above 0");
}

/// <summary>A T2 estimate from <paramref name="Shots"/> test qubits read after <paramref name="WaitSeconds"/>, s, with its standard error, s.</summary>
internal sealed record CoherenceMeasurement(double Seconds, double StandardErrorSeconds, double WaitSeconds, int Shots)
{
    /// <summary>The Ramsey estimate from <paramref name="plus"/> |+⟩ outcomes of <paramref name="shots"/> after <paramref name="wait"/> s.</summary>
    public static CoherenceMeasurement From(double wait, int plus, int shots)
    {
        double p = (double)plus / shots;
        double x = 2 * p - 1;
        if (x <= 0)
        {
            return new CoherenceMeasurement(0, double.PositiveInfinity, wait, shots);
        }
        if (x >= 1)
        {
            return new CoherenceMeasurement(double.PositiveInfinity, double.PositiveInfinity, wait, shots);
        }
        double t2 = -wait / Math.Log(x);
        // Delta method: dT2/dx = w / (x·ln²x) and σ_x = 2·√(p(1−p)/N).
        double sigmaX = 2 * Math.Sqrt(p * (1 - p) / shots);
        double sigma = wait / (x * Math.Log(x) * Math.Log(x)) * sigmaX;
        return new CoherenceMeasurement(t2, sigma, wait, shots);
    }
}
