using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using QNet.Physics.Noise;

namespace QNet.Physics.States;

/// <summary>
/// A two-qubit state diagonal in the Bell basis, the fast path of the simulator: exact under
/// Pauli noise, entanglement swapping and twirled purification. Weights are in the order
/// (Φ+, Ψ+, Ψ−, Φ−), which is the Pauli error (I, X, Y, Z) on the second qubit relative to the
/// target Φ+. Fidelity is the Φ+ weight. Weights are non-negative and sum to 1.
/// </summary>
public readonly record struct BellDiagonalState : IQuantumState
{
    /// <summary>Creates a state from the four weights; they must be non-negative and sum to 1 (within 1e-9).</summary>
    public BellDiagonalState(double phiPlus, double psiPlus, double psiMinus, double phiMinus)
    {
        double sum = phiPlus + psiPlus + psiMinus + phiMinus;
        if (phiPlus < -1e-12 || psiPlus < -1e-12 || psiMinus < -1e-12 || phiMinus < -1e-12 || Math.Abs(sum - 1) > 1e-9)
        {
            ThrowInvalidWeights(phiPlus, psiPlus, psiMinus, phiMinus);
        }
        PhiPlus = phiPlus;
        PsiPlus = psiPlus;
        PsiMinus = psiMinus;
        PhiMinus = phiMinus;
    }

    // Weights computed by a convolution or a mixture of valid weights with valid probabilities: non-negative and summing
    // to 1 up to rounding by construction, so the public constructor's check is not repeated on the hot path.
    private BellDiagonalState(double phiPlus, double psiPlus, double psiMinus, double phiMinus, Computed computed)
    {
        _ = computed;
        PhiPlus = phiPlus;
        PsiPlus = psiPlus;
        PsiMinus = psiMinus;
        PhiMinus = phiMinus;
    }

    private enum Computed
    {
        FromValidInputs,
    }

    /// <summary>Weight of Φ+ (no error).</summary>
    public double PhiPlus { get; }

    /// <summary>Weight of Ψ+ (X error on the second qubit).</summary>
    public double PsiPlus { get; }

    /// <summary>Weight of Ψ− (Y error on the second qubit).</summary>
    public double PsiMinus { get; }

    /// <summary>Weight of Φ− (Z error on the second qubit).</summary>
    public double PhiMinus { get; }

    /// <summary>Fidelity to Φ+.</summary>
    public double Fidelity => PhiPlus;

    /// <summary>Always 2: a Bell-diagonal state describes a pair.</summary>
    public int QubitCount => 2;

    /// <summary>Error rate of Z-basis measurements on both qubits (outcomes disagree): Q_Z = λΨ+ + λΨ−.</summary>
    public double QberZ => PsiPlus + PsiMinus;

    /// <summary>Error rate of X-basis measurements on both qubits (outcomes disagree): Q_X = λΦ− + λΨ−.</summary>
    public double QberX => PhiMinus + PsiMinus;

    /// <summary>
    /// Average fidelity of teleporting a uniformly random qubit state with this pair as the resource and
    /// the standard Φ+ protocol: (2F + 1)/3 (Horodecki 1999); 2/3 is the classical limit.
    /// </summary>
    public double TeleportationFidelity => (2 * PhiPlus + 1) / 3;

    /// <summary>The perfect Bell pair Φ+.</summary>
    public static BellDiagonalState Perfect => new(1, 0, 0, 0);

    /// <summary>The maximally mixed two-qubit state I/4.</summary>
    public static BellDiagonalState MaximallyMixed => new(0.25, 0.25, 0.25, 0.25);

    /// <summary>The Werner state of fidelity F: weight F on Φ+ and (1−F)/3 on each other Bell state.</summary>
    public static BellDiagonalState Werner(double fidelity)
    {
        if (fidelity is < 0 or > 1 || double.IsNaN(fidelity))
        {
            throw new ArgumentOutOfRangeException(nameof(fidelity), fidelity, "A fidelity must lie in [0, 1].");
        }
        double e = (1 - fidelity) / 3;
        return new BellDiagonalState(fidelity, e, e, 1 - fidelity - 2 * e);
    }

    /// <summary>The Werner parameter w = (4F − 1)/3 of a state with this fidelity.</summary>
    public double WernerParameter => (4 * PhiPlus - 1) / 3;

    /// <summary>Weight by Pauli error index (0 = I/Φ+, 1 = X/Ψ+, 2 = Y/Ψ−, 3 = Z/Φ−).</summary>
    public double this[int pauli] => pauli switch
    {
        0 => PhiPlus,
        1 => PsiPlus,
        2 => PsiMinus,
        3 => PhiMinus,
        _ => throw new ArgumentOutOfRangeException(nameof(pauli)),
    };

    /// <summary>
    /// Applies a Pauli channel to either qubit: X with <paramref name="px"/>, Y with <paramref name="py"/>,
    /// Z with <paramref name="pz"/>, identity otherwise. On a Bell-diagonal state a Pauli on the first
    /// qubit acts on the Bell label like the same Pauli on the second, so one method serves both halves.
    /// </summary>
    public BellDiagonalState ApplyPauliChannel(double px, double py, double pz)
    {
        double pi = 1 - px - py - pz;
        if (px < 0 || py < 0 || pz < 0 || pi < -1e-12)
        {
            ThrowInvalidPauli(px, py, pz);
        }
        if (px == 0 && py == 0)
        {
            // Pure dephasing (decoherence without T1, the usual memory; twice per pair in every swap): the convolution's
            // products with pX and pY are exact zeros, so leaving them out gives every weight as the same sum of the same
            // two products, bit for bit (the weights are non-negative, so no zero's sign changes a sum).
            return new BellDiagonalState(
                PhiPlus * pi + PhiMinus * pz, PsiPlus * pi + PsiMinus * pz, PsiMinus * pi + PsiPlus * pz, PhiPlus * pz + PhiMinus * pi,
                Computed.FromValidInputs);
        }
        return Convolve(this, pi, px, py, pz);
    }

    /// <summary>
    /// Applies a noise channel to one qubit through its Pauli twirl. For a channel on one qubit of a
    /// Bell-diagonal state this gives exactly the Bell weights (hence the fidelity) that the channel's
    /// Kraus map gives on the density matrix followed by a Bell twirl.
    /// </summary>
    public BellDiagonalState ApplyNoise(INoiseChannel channel)
    {
        PauliProbabilities p = channel.PauliTwirl;
        return ApplyPauliChannel(p.X, p.Y, p.Z);
    }

    IQuantumState IQuantumState.ApplyNoise(INoiseChannel channel, int qubit)
    {
        if (qubit is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(qubit), qubit, "A pair has qubits 0 and 1.");
        }
        return ApplyNoise(channel);
    }

    /// <summary>This state itself (already Bell-diagonal).</summary>
    public BellDiagonalState ToBellDiagonal() => this;

    /// <summary>The equivalent two-qubit density matrix.</summary>
    public DensityMatrix ToDensityMatrix() => DensityMatrix.FromBellDiagonal(this);

    /// <summary>
    /// Depolarises one qubit with NetSquid's convention ρ → (1−p)ρ + p·I/2, i.e. X, Y, Z each with p/4;
    /// on a perfect pair F = 1 − 3p/4.
    /// </summary>
    public BellDiagonalState Depolarize(double probability)
    {
        CheckProbability(probability, nameof(probability));
        double q = probability / 4;
        return ApplyPauliChannel(q, q, q);
    }

    /// <summary>Dephases one qubit: Z with probability <paramref name="probability"/>.</summary>
    public BellDiagonalState Dephase(double probability)
    {
        CheckProbability(probability, nameof(probability));
        return ApplyPauliChannel(0, 0, probability);
    }

    /// <summary>
    /// Memory decoherence of one stored qubit for <paramref name="seconds"/> under T1 (amplitude damping)
    /// and T2 (total coherence decay, T1 included), Pauli-twirled so the state stays Bell-diagonal:
    /// pX = pY = (1 − e^{−t/T1})/4, pZ = 1/2 − pX − e^{−t/T2}/2. The fidelity is exact:
    /// F = (1 + e^{−t/T1} + 2e^{−t/T2})/4 on a perfect pair. Infinite T1 or T2 means no such decay.
    /// </summary>
    public BellDiagonalState Decohere(double seconds, double t1Seconds, double t2Seconds)
    {
        if (seconds <= 0)
        {
            return this;
        }
        var (pxy, pz) = DecoherenceChannel(seconds, t1Seconds, t2Seconds);
        return ApplyPauliChannel(pxy, pxy, pz);
    }

    // The Pauli twirl of T1/T2 decay over a positive time: (pX = pY, pZ).
    private static (double Pxy, double Pz) DecoherenceChannel(double seconds, double t1Seconds, double t2Seconds)
    {
        double e1 = double.IsPositiveInfinity(t1Seconds) ? 1 : Math.Exp(-seconds / t1Seconds);
        double e2 = double.IsPositiveInfinity(t2Seconds) ? 1 : Math.Exp(-seconds / t2Seconds);
        double pxy = (1 - e1) / 4;
        return (pxy, Math.Max(0, 0.5 - pxy - e2 / 2));
    }

    /// <summary>
    /// Both halves of a pair stored for <paramref name="seconds"/>: the same result, bit for bit, as
    /// <c>Decohere(seconds, t1A, t2A).Decohere(seconds, t1B, t2B)</c>, computing the channel once when the
    /// two memories are alike (the common case; it saves the exponentials).
    /// </summary>
    public BellDiagonalState DecohereBoth(double seconds, double t1A, double t2A, double t1B, double t2B)
    {
        if (seconds <= 0)
        {
            return this;
        }
        var (pxyA, pzA) = DecoherenceChannel(seconds, t1A, t2A);
        var (pxyB, pzB) = t1A == t1B && t2A == t2B ? (pxyA, pzA) : DecoherenceChannel(seconds, t1B, t2B);
        return ApplyPauliChannel(pxyA, pxyA, pzA).ApplyPauliChannel(pxyB, pxyB, pzB);
    }

    /// <summary>
    /// Entanglement swapping through a Bell-state measurement whose gate depolarises with probability
    /// <paramref name="gateDepolarizing"/> (mixing the joined pair with I/4) and whose two readout bits flip
    /// with probability <paramref name="readoutError"/> each, as <c>BellStateMeasurement.Swap</c> models it.
    /// </summary>
    public static BellDiagonalState Swap(in BellDiagonalState left, in BellDiagonalState right, double gateDepolarizing, double readoutError)
    {
        BellDiagonalState state = Swap(left, right);
        if (gateDepolarizing > 0)
        {
            state = state.MixWithMaximallyMixed(1 - gateDepolarizing);
        }
        if (readoutError > 0)
        {
            double e = readoutError;
            state = state.ApplyPauliChannel(e * (1 - e), e * e, e * (1 - e));
        }
        return state;
    }

    /// <summary>
    /// Entanglement swapping with an ideal Bell-state measurement and Pauli correction: the error
    /// labels of the two input pairs multiply in the Klein group, I' = I1I2 + X1X2 + Y1Y2 + Z1Z2, etc.
    /// For Werner inputs w = w1·w2.
    /// </summary>
    public static BellDiagonalState Swap(in BellDiagonalState left, in BellDiagonalState right) =>
        Convolve(left, right.PhiPlus, right.PsiPlus, right.PsiMinus, right.PhiMinus);

    /// <summary>
    /// Mixes with the maximally mixed state: ρ → λρ + (1−λ)I/4 (two-qubit depolarising with
    /// survival λ). Used for a gate error on the Bell-state measurement.
    /// </summary>
    public BellDiagonalState MixWithMaximallyMixed(double survival)
    {
        CheckProbability(survival, nameof(survival));
        double m = (1 - survival) / 4;
        return new BellDiagonalState(
            survival * PhiPlus + m, survival * PsiPlus + m, survival * PsiMinus + m, survival * PhiMinus + m, Computed.FromValidInputs);
    }

    /// <summary>Renormalises tiny floating-point drift after many operations.</summary>
    public BellDiagonalState Normalized()
    {
        double s = PhiPlus + PsiPlus + PsiMinus + PhiMinus;
        return new BellDiagonalState(PhiPlus / s, PsiPlus / s, PsiMinus / s, PhiMinus / s);
    }

    // Klein-group convolution: with labels I=0, X=1, Y=2, Z=3 the product table is
    // I·g = g, X·Y = Z, X·Z = Y, Y·Z = X, g·g = I.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static BellDiagonalState Convolve(in BellDiagonalState a, double bi, double bx, double by, double bz)
    {
        double i = a.PhiPlus * bi + a.PsiPlus * bx + a.PsiMinus * by + a.PhiMinus * bz;
        double x = a.PhiPlus * bx + a.PsiPlus * bi + a.PsiMinus * bz + a.PhiMinus * by;
        double y = a.PhiPlus * by + a.PsiMinus * bi + a.PsiPlus * bz + a.PhiMinus * bx;
        double z = a.PhiPlus * bz + a.PhiMinus * bi + a.PsiPlus * by + a.PsiMinus * bx;
        return new BellDiagonalState(i, x, y, z, Computed.FromValidInputs);
    }

    private static void CheckProbability(double p, string name)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            ThrowInvalidProbability(p, name);
        }
    }

    // The throws stay out of line: inlined into a swap, building their messages took a large stack frame that every swap
    // zeroed on entry.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidWeights(double phiPlus, double psiPlus, double psiMinus, double phiMinus) =>
        throw new ArgumentException($"Bell-diagonal weights must be non-negative and sum to 1; got ({phiPlus}, {psiPlus}, {psiMinus}, {phiMinus}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidPauli(double px, double py, double pz) =>
        throw new ArgumentOutOfRangeException(nameof(px), $"Pauli probabilities must be non-negative and sum to at most 1; got X {px}, Y {py}, Z {pz}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidProbability(double p, string name) =>
        throw new ArgumentOutOfRangeException(name, p, "A probability must lie in [0, 1].");

    /// <summary>Shows the four weights.</summary>
    public override string ToString() => $"BellDiagonal(Φ+ {PhiPlus:F6}, Ψ+ {PsiPlus:F6}, Ψ− {PsiMinus:F6}, Φ− {PhiMinus:F6})";
}
