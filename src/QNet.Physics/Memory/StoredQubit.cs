using QNet.Kernel;
using QNet.Physics.Hardware;
using QNet.Physics.Noise;
using QNet.Physics.States;

namespace QNet.Physics.Memory;

/// <summary>
/// Lazy decoherence of one qubit held in a quantum memory: it remembers when the qubit was last touched
/// and, when the qubit is next touched (used, measured, swapped, inspected), applies T1/T2 decoherence for
/// the simulated time elapsed since then and moves the mark to now. Decoherence composes exactly over
/// touches (e^{−t/T} factors multiply), so touching often or once gives the same state.
/// Mutable runtime state; one instance per stored half, owned by one simulator thread.
/// </summary>
public sealed class StoredQubit
{
    /// <summary>A qubit stored in <paramref name="memory"/> at <paramref name="storedAt"/>.</summary>
    public StoredQubit(QuantumMemory memory, SimTime storedAt)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Memory = memory;
        StoredAt = storedAt;
        LastTouched = storedAt;
    }

    /// <summary>The memory holding the qubit (its T1 and T2).</summary>
    public QuantumMemory Memory { get; }

    /// <summary>When the qubit was stored.</summary>
    public SimTime StoredAt { get; }

    /// <summary>When decoherence was last brought up to date.</summary>
    public SimTime LastTouched { get; private set; }

    /// <summary>Seconds of decoherence not yet applied at <paramref name="now"/>.</summary>
    public double PendingSeconds(SimTime now)
    {
        if (now < LastTouched)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, $"Time cannot run backwards: the qubit was last touched at {LastTouched}.");
        }
        return (now - LastTouched).Seconds;
    }

    /// <summary>Brings a Bell-diagonal pair holding this qubit up to <paramref name="now"/> (Pauli-twirled T1/T2).</summary>
    public BellDiagonalState Touch(in BellDiagonalState state, SimTime now)
    {
        double seconds = PendingSeconds(now);
        LastTouched = now;
        return state.Decohere(seconds, Memory.T1Seconds, Memory.T2Seconds);
    }

    /// <summary>Brings <paramref name="qubit"/> of a density matrix up to <paramref name="now"/> (exact T1/T2 Kraus map, in place).</summary>
    public DensityMatrix Touch(DensityMatrix state, int qubit, SimTime now)
    {
        double seconds = PendingSeconds(now);
        LastTouched = now;
        return seconds > 0 ? state.ApplyChannel(MemoryDecoherenceChannel.For(Memory, seconds), qubit) : state;
    }

    /// <summary>Brings <paramref name="qubit"/> of any state representation up to <paramref name="now"/>.</summary>
    public IQuantumState Touch(IQuantumState state, int qubit, SimTime now) => state switch
    {
        BellDiagonalState b => Touch(b, now),
        DensityMatrix m => Touch(m, qubit, now),
        _ => TouchGeneric(state, qubit, now),
    };

    private IQuantumState TouchGeneric(IQuantumState state, int qubit, SimTime now)
    {
        double seconds = PendingSeconds(now);
        LastTouched = now;
        return seconds > 0 ? state.ApplyNoise(MemoryDecoherenceChannel.For(Memory, seconds), qubit) : state;
    }
}
