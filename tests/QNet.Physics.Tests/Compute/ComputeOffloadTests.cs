using System.Numerics;
using QNet.Kernel;
using QNet.Physics.Compute;
using QNet.Physics.Hardware;
using QNet.Physics.Noise;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Compute;

/// <summary>
/// The offload protocols' entanglement fidelity against the full circuits on density matrices: each input qubit is half
/// of Φ+ with a reference qubit, the protocol runs gate by gate with every measurement branch (and every readout flip)
/// summed, and F_e = ⟨ideal|ρ|ideal⟩ with ideal = (I ⊗ gate)Φ+. Both sides are exact, so the tolerance is 1e-12 (rounding).
/// </summary>
public sealed class ComputeOffloadTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void RemoteCnot_RandomBellDiagonalPairsAndErrors_MatchesTheCircuit()
    {
        var random = new RandomStream(2027);
        for (int i = 0; i < 12; i++)
        {
            BellDiagonalState pair = RandomPair(random);
            var server = new QuantumProcessor(TwoQubitGateError: 0.2 * random.NextDouble(), ReadoutError: 0.1 * random.NextDouble());

            Assert.Equal(RemoteCnotCircuit(pair, server), ComputeOffload.RemoteCnot(pair, server), Tolerance);
        }
    }

    [Theory]
    [InlineData(ServerGate.Identity)]
    [InlineData(ServerGate.X)]
    [InlineData(ServerGate.Y)]
    [InlineData(ServerGate.Z)]
    [InlineData(ServerGate.H)]
    [InlineData(ServerGate.S)]
    public void TeleportGate_RandomBellDiagonalPairsAndErrors_MatchesTheCircuit(ServerGate gate)
    {
        var random = new RandomStream(4100 + (ulong)gate);
        for (int i = 0; i < 6; i++)
        {
            BellDiagonalState inbound = RandomPair(random), outbound = RandomPair(random);
            var server = new QuantumProcessor(SingleQubitGateError: 0.1 * random.NextDouble(), TwoQubitGateError: 0.2 * random.NextDouble(),
                ReadoutError: 0.1 * random.NextDouble());

            Assert.Equal(TeleportGateCircuit(inbound, gate, outbound, server), ComputeOffload.TeleportGate(inbound, gate, outbound, server), Tolerance);
        }
    }

    [Theory]
    [InlineData(0.95, 0.0, 0.0)]
    [InlineData(0.9, 0.02, 0.01)]
    [InlineData(0.8, 0.1, 0.05)]
    public void RemoteCnot_WernerPair_IsTheClosedForm(double f, double p2, double r)
    {
        // F_e = (1 − p₂)[(1 − r)F + r(1 − F)/3] + p₂/8: a readout flip undoes a Φ− error; a depolarised gate leaves
        // 8 equally likely output errors (I or Z on c, any Pauli on t).
        double expected = (1 - p2) * ((1 - r) * f + r * (1 - f) / 3) + p2 / 8;

        Assert.Equal(expected, ComputeOffload.RemoteCnot(BellDiagonalState.Werner(f), new QuantumProcessor(TwoQubitGateError: p2, ReadoutError: r)), Tolerance);
    }

    [Theory]
    [InlineData(0.95, 0.9, 0.0, 0.0, 0.0)]
    [InlineData(0.9, 0.85, 0.01, 0.02, 0.01)]
    [InlineData(0.8, 0.97, 0.05, 0.1, 0.03)]
    public void TeleportGate_WernerPairs_IsTheClosedForm(double fIn, double fOut, double p1, double p2, double r)
    {
        // Werner pairs and depolarising gates are isotropic Pauli channels λ·id + (1 − λ)·I/2 with λ = (4F − 1)/3 or 1 − p,
        // which compose by multiplying λ; the two readout flips then leave no error with (1 − r)².
        double lambda = (4 * fIn - 1) / 3 * (1 - p1) * (1 - p2) * (4 * fOut - 1) / 3;
        double expected = lambda * (1 - r) * (1 - r) + (1 - lambda) / 4;
        var server = new QuantumProcessor(SingleQubitGateError: p1, TwoQubitGateError: p2, ReadoutError: r);

        Assert.Equal(expected, ComputeOffload.TeleportGate(BellDiagonalState.Werner(fIn), ServerGate.H, BellDiagonalState.Werner(fOut), server), Tolerance);
    }

    [Fact]
    public void AverageGateFidelity_PerfectAndFullyMixed_AreTheEnds()
    {
        Assert.Equal(1, ComputeOffload.AverageGateFidelity(1, 4), Tolerance);
        // A completely depolarising process has F_e = 1/d² and averages 1/d.
        Assert.Equal(0.25, ComputeOffload.AverageGateFidelity(1.0 / 16, 4), Tolerance);
        Assert.Equal(0.5, ComputeOffload.AverageGateFidelity(0.25, 2), Tolerance);
    }

    [Fact]
    public void QuantumProcessor_OutOfRange_NamesTheParameter()
    {
        Assert.Contains("readoutError", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantumProcessor(ReadoutError: 1.5)).Message);
        Assert.Contains("qubits", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantumProcessor(Qubits: 0)).Message);
        Assert.Contains("twoQubitGate", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantumProcessor(TwoQubitGateSeconds: -1)).Message);
    }

    private static BellDiagonalState RandomPair(RandomStream random)
    {
        double a = 0.6 + 0.4 * random.NextDouble(), b = random.NextDouble(), c = random.NextDouble(), d = random.NextDouble();
        double rest = (1 - a) / (b + c + d);
        return new BellDiagonalState(a, b * rest, c * rest, d * rest);
    }

    // Register R1, c, a, b, t, R2 (qubits 0..5): client CNOT(c→a), Z-measure a; server X^{m1} on b, CNOT(b→t) with error p₂,
    // X-measure b (reported bit flipped with r); client Z^{m2'} on c.
    private static double RemoteCnotCircuit(BellDiagonalState pair, QuantumProcessor server)
    {
        DensityMatrix rho = DensityMatrix.Bell(0).Tensor(DensityMatrix.FromBellDiagonal(pair)).Tensor(DensityMatrix.Bell(0));
        rho.ApplyUnitary(1, 2, TwoQubitOperator.Cnot);
        var parts = new List<(double, DensityMatrix)>();
        for (int m1 = 0; m1 < 2; m1++)
        {
            DensityMatrix afterA = rho.Clone();
            double p1 = afterA.Project(2, MeasurementBasis.Z, m1);
            afterA.ApplyPauli(3, m1 == 1 ? 1 : 0);
            afterA.ApplyUnitary(3, 4, TwoQubitOperator.Cnot);
            afterA.ApplyTwoQubitDepolarizing(3, 4, server.TwoQubitGateError);
            for (int m2 = 0; m2 < 2; m2++)
            {
                DensityMatrix measured = afterA.Clone();
                double p2 = measured.Project(3, MeasurementBasis.X, m2);
                for (int flip = 0; flip < 2; flip++)
                {
                    DensityMatrix corrected = measured.Clone();
                    corrected.ApplyPauli(1, (m2 ^ flip) == 1 ? 3 : 0);
                    parts.Add((p1 * p2 * (flip == 1 ? server.ReadoutError : 1 - server.ReadoutError), corrected.PartialTrace(0, 1, 4, 5)));
                }
            }
        }
        DensityMatrix ideal = DensityMatrix.Bell(0).Tensor(DensityMatrix.Bell(0));
        ideal.ApplyUnitary(1, 2, TwoQubitOperator.Cnot);
        return Overlap(DensityMatrix.Mixture(parts), ideal);
    }

    // Register R, q, a1, b1, a2, b2 (qubits 0..5): client Bell measurement of (q, a1), server corrects b1, applies the gate
    // (error p₁), Bell-measures (b1, a2) with CNOT error p₂ and readout flips r; client corrects b2.
    private static double TeleportGateCircuit(BellDiagonalState inbound, ServerGate gate, BellDiagonalState outbound, QuantumProcessor server)
    {
        DensityMatrix rho = DensityMatrix.Bell(0).Tensor(DensityMatrix.FromBellDiagonal(inbound)).Tensor(DensityMatrix.FromBellDiagonal(outbound));
        rho.ApplyUnitary(1, 2, TwoQubitOperator.Cnot);
        var parts = new List<(double, DensityMatrix)>();
        foreach (var (p, atServer) in BellMeasure(rho, 1, 2, 3, 0))
        {
            atServer.ApplyUnitary(3, Gate(gate));
            atServer.ApplyChannel(new DepolarizingChannel(server.SingleQubitGateError), 3);
            atServer.ApplyUnitary(3, 4, TwoQubitOperator.Cnot);
            atServer.ApplyTwoQubitDepolarizing(3, 4, server.TwoQubitGateError);
            foreach (var (q, back) in BellMeasure(atServer, 3, 4, 5, server.ReadoutError))
            {
                parts.Add((p * q, back.PartialTrace(0, 5)));
            }
        }
        DensityMatrix ideal = DensityMatrix.Bell(0);
        ideal.ApplyUnitary(1, Gate(gate));
        return Overlap(DensityMatrix.Mixture(parts), ideal);
    }

    // After CNOT(q→a): X-measure q, Z-measure a, each reported bit flipped with probability r, and correct the target
    // with X^{mz'} Z^{mx'}. Yields (probability, corrected state) for every outcome and flip pattern.
    private static IEnumerable<(double, DensityMatrix)> BellMeasure(DensityMatrix rho, int q, int a, int target, double r)
    {
        for (int mx = 0; mx < 2; mx++)
        {
            for (int mz = 0; mz < 2; mz++)
            {
                DensityMatrix measured = rho.Clone();
                double p = measured.Project(q, MeasurementBasis.X, mx);
                p *= measured.Project(a, MeasurementBasis.Z, mz);
                for (int fx = 0; fx < 2; fx++)
                {
                    for (int fz = 0; fz < 2; fz++)
                    {
                        DensityMatrix corrected = measured.Clone();
                        corrected.ApplyPauli(target, (mz ^ fz) == 1 ? 1 : 0);
                        corrected.ApplyPauli(target, (mx ^ fx) == 1 ? 3 : 0);
                        yield return (p * (fx == 1 ? r : 1 - r) * (fz == 1 ? r : 1 - r), corrected);
                    }
                }
            }
        }
    }

    private static SingleQubitOperator Gate(ServerGate gate) => gate switch
    {
        ServerGate.X => SingleQubitOperator.PauliX,
        ServerGate.Y => SingleQubitOperator.PauliY,
        ServerGate.Z => SingleQubitOperator.PauliZ,
        ServerGate.H => SingleQubitOperator.Hadamard,
        ServerGate.S => new SingleQubitOperator(1, 0, 0, Complex.ImaginaryOne),
        _ => SingleQubitOperator.Identity,
    };

    // Tr(ρσ) for Hermitian ρ, σ; with σ pure it is the fidelity ⟨σ|ρ|σ⟩.
    private static double Overlap(DensityMatrix rho, DensityMatrix sigma)
    {
        Complex sum = 0;
        for (int i = 0; i < rho.Dimension; i++)
        {
            for (int j = 0; j < rho.Dimension; j++)
            {
                sum += rho[i, j] * sigma[j, i];
            }
        }
        return sum.Real;
    }
}
