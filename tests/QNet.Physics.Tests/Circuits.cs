using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Physics.Tests;

/// <summary>
/// Brute-force circuits on <see cref="DensityMatrix"/> that the closed-form models are checked against.
/// Every circuit is written gate by gate, independently of the formulas it validates.
/// </summary>
internal static class Circuits
{
    /// <summary>Branch of a circuit: the probability of the measured bits and the normalised state after correction.</summary>
    public sealed record Branch(int M1, int M2, double Probability, DensityMatrix State);

    /// <summary>
    /// Entanglement swapping of pairs (a, b1) and (b2, c) on qubits 0..3: CNOT(b1→b2), optional two-qubit
    /// depolarising of (b1, b2) after the gate, H(b1), measure b1 (m1) and b2 (m2) in Z, correct c with
    /// X^{m2'} Z^{m1'}, where the primes are the reported bits (equal to the true ones unless
    /// <paramref name="reportedFlip1"/>/<paramref name="reportedFlip2"/> flip them). Returns the four branches
    /// with the outer pair (a, c).
    /// </summary>
    public static List<Branch> SwapBranches(DensityMatrix left, DensityMatrix right, double gateDepolarizing = 0, int reportedFlip1 = 0, int reportedFlip2 = 0)
    {
        DensityMatrix rho = BsmPrepare(left.Tensor(right), 1, 2, gateDepolarizing);
        var branches = new List<Branch>();
        for (int m1 = 0; m1 < 2; m1++)
        {
            for (int m2 = 0; m2 < 2; m2++)
            {
                DensityMatrix r = rho.Clone();
                double p = r.Project(1, MeasurementBasis.Z, m1);
                p *= r.Project(2, MeasurementBasis.Z, m2);
                Correct(r, 3, m1 ^ reportedFlip1, m2 ^ reportedFlip2);
                branches.Add(new Branch(m1, m2, p, r.PartialTrace(0, 3)));
            }
        }
        return branches;
    }

    /// <summary>
    /// The average outer state of a swap whose readout bits each flip independently with probability
    /// <paramref name="readoutError"/>: a mixture over true outcomes and flip patterns.
    /// </summary>
    public static DensityMatrix NoisySwap(DensityMatrix left, DensityMatrix right, double gateDepolarizing, double readoutError)
    {
        var parts = new List<(double, DensityMatrix)>();
        for (int f1 = 0; f1 < 2; f1++)
        {
            for (int f2 = 0; f2 < 2; f2++)
            {
                double pf = (f1 == 1 ? readoutError : 1 - readoutError) * (f2 == 1 ? readoutError : 1 - readoutError);
                foreach (Branch b in SwapBranches(left, right, gateDepolarizing, f1, f2))
                {
                    parts.Add((pf * b.Probability, b.State));
                }
            }
        }
        return DensityMatrix.Mixture(parts);
    }

    /// <summary>One swap with sampled measurement outcomes; returns the outcome bits and the outer pair.</summary>
    public static (int M1, int M2, DensityMatrix Outer) SampledSwap(DensityMatrix left, DensityMatrix right, RandomStream random)
    {
        DensityMatrix rho = BsmPrepare(left.Tensor(right), 1, 2, 0);
        int m1 = rho.Measure(1, MeasurementBasis.Z, random).Outcome;
        int m2 = rho.Measure(2, MeasurementBasis.Z, random).Outcome;
        Correct(rho, 3, m1, m2);
        return (m1, m2, rho.PartialTrace(0, 3));
    }

    /// <summary>
    /// Teleports qubit 0 of <paramref name="register"/> (qubit 0 = input, (1, 2) = resource pair) to qubit 2,
    /// averaging over the four Bell-measurement outcomes; returns the state of qubit 2.
    /// </summary>
    public static DensityMatrix Teleport(DensityMatrix register)
    {
        DensityMatrix rho = BsmPrepare(register, 0, 1, 0);
        var parts = new List<(double, DensityMatrix)>();
        for (int m1 = 0; m1 < 2; m1++)
        {
            for (int m2 = 0; m2 < 2; m2++)
            {
                DensityMatrix r = rho.Clone();
                double p = r.OutcomeProbability(0, MeasurementBasis.Z, m1);
                if (p < 1e-14)
                {
                    continue;
                }
                r.Project(0, MeasurementBasis.Z, m1);
                double p2 = r.OutcomeProbability(1, MeasurementBasis.Z, m2);
                if (p2 < 1e-14)
                {
                    continue;
                }
                r.Project(1, MeasurementBasis.Z, m2);
                Correct(r, 2, m1, m2);
                parts.Add((p * p2, r.PartialTrace(2)));
            }
        }
        return DensityMatrix.Mixture(parts);
    }

    /// <summary>
    /// One recurrence-purification round on kept pair (0, 1) and sacrificed pair (2, 3); Alice holds 0 and 2,
    /// Bob 1 and 3. With <paramref name="aliceAngle"/>/<paramref name="bobAngle"/> non-zero each party first
    /// rotates both of its qubits about X (DEJMPS); then CNOT(0→2), CNOT(1→3), measure 2 and 3 in Z, and keep
    /// when the bits agree. Returns the success probability and the kept pair given success.
    /// </summary>
    public static (double SuccessProbability, DensityMatrix Kept) Purify(DensityMatrix kept, DensityMatrix sacrificed, double aliceAngle = 0, double bobAngle = 0)
    {
        DensityMatrix rho = kept.Tensor(sacrificed);
        if (aliceAngle != 0 || bobAngle != 0)
        {
            rho.ApplyUnitary(0, SingleQubitOperator.Rx(aliceAngle)).ApplyUnitary(2, SingleQubitOperator.Rx(aliceAngle));
            rho.ApplyUnitary(1, SingleQubitOperator.Rx(bobAngle)).ApplyUnitary(3, SingleQubitOperator.Rx(bobAngle));
        }
        rho.ApplyUnitary(0, 2, TwoQubitOperator.Cnot).ApplyUnitary(1, 3, TwoQubitOperator.Cnot);
        var parts = new List<(double, DensityMatrix)>();
        double success = 0;
        for (int m = 0; m < 2; m++)
        {
            DensityMatrix r = rho.Clone();
            double p = r.OutcomeProbability(2, MeasurementBasis.Z, m);
            if (p < 1e-14)
            {
                continue;
            }
            r.Project(2, MeasurementBasis.Z, m);
            double q = r.OutcomeProbability(3, MeasurementBasis.Z, m);
            if (q < 1e-14)
            {
                continue;
            }
            r.Project(3, MeasurementBasis.Z, m);
            success += p * q;
            parts.Add((p * q, r.PartialTrace(0, 1)));
        }
        DensityMatrix mixed = DensityMatrix.Mixture(parts);
        return (success, DensityMatrix.Mixture([(1 / success, mixed)]));
    }

    /// <summary>A random Bell-diagonal state with all four weights drawn uniformly and normalised.</summary>
    public static BellDiagonalState RandomBellDiagonal(RandomStream random)
    {
        double a = random.NextDouble(), b = random.NextDouble(), c = random.NextDouble(), d = random.NextDouble();
        double s = a + b + c + d;
        return new BellDiagonalState(a / s, b / s, c / s, d / s);
    }

    private static DensityMatrix BsmPrepare(DensityMatrix rho, int control, int target, double gateDepolarizing)
    {
        rho.ApplyUnitary(control, target, TwoQubitOperator.Cnot);
        if (gateDepolarizing > 0)
        {
            rho.ApplyTwoQubitDepolarizing(control, target, gateDepolarizing);
        }
        return rho.ApplyUnitary(control, SingleQubitOperator.Hadamard);
    }

    private static void Correct(DensityMatrix rho, int qubit, int zBit, int xBit)
    {
        if (xBit == 1)
        {
            rho.ApplyUnitary(qubit, SingleQubitOperator.PauliX);
        }
        if (zBit == 1)
        {
            rho.ApplyUnitary(qubit, SingleQubitOperator.PauliZ);
        }
    }
}
