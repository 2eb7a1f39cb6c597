using System.Numerics;
using QNet.Kernel;
using QNet.Physics.Noise;
using QNet.Physics.States;

namespace QNet.Physics.Tests.Noise;

/// <summary>Kraus completeness, closed-form twirls and the one-qubit-of-a-pair equivalence of both representations.</summary>
public class NoiseChannelTests
{
    // Exact: sums of a handful of products of doubles.
    private const double Exact = 1e-12;

    public static TheoryData<string> Channels => new() { "depolarizing", "dephasing", "amplitude", "memory", "memory-t1-only", "memory-t2-only", "pauli" };

    private static INoiseChannel Make(string name) => name switch
    {
        "depolarizing" => new DepolarizingChannel(0.3),
        "dephasing" => new DephasingChannel(0.15),
        "amplitude" => new AmplitudeDampingChannel(0.4),
        "memory" => new MemoryDecoherenceChannel(0.3, 1.0, 0.5),
        "memory-t1-only" => new MemoryDecoherenceChannel(0.3, 1.0, 2.0),
        "memory-t2-only" => new MemoryDecoherenceChannel(0.3, double.PositiveInfinity, 0.5),
        "pauli" => new PauliChannel(new PauliProbabilities(0.1, 0.05, 0.2)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Channels))]
    public void KrausOperators_AnyChannel_AreTracePreserving(string name)
    {
        SingleQubitOperator sum = new(0, 0, 0, 0);
        foreach (SingleQubitOperator k in Make(name).KrausOperators)
        {
            SingleQubitOperator kk = k.Adjoint() * k;
            sum = new(sum.M00 + kk.M00, sum.M01 + kk.M01, sum.M10 + kk.M10, sum.M11 + kk.M11);
        }
        Assert.Equal(1, sum.M00.Real, Exact);
        Assert.Equal(1, sum.M11.Real, Exact);
        Assert.Equal(0, sum.M01.Magnitude, Exact);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void PauliTwirl_AnyChannel_EqualsTwirlComputedFromKraus(string name)
    {
        INoiseChannel channel = Make(name);
        PauliProbabilities closed = channel.PauliTwirl, generic = PauliProbabilities.FromKraus(channel.KrausOperators);
        Assert.Equal(generic.X, closed.X, Exact);
        Assert.Equal(generic.Y, closed.Y, Exact);
        Assert.Equal(generic.Z, closed.Z, Exact);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void ApplyNoise_OneQubitOfRandomBellDiagonalPair_BothRepresentationsGiveSameBellWeights(string name)
    {
        INoiseChannel channel = Make(name);
        var random = new RandomStream(51);
        for (int i = 0; i < 5; i++)
        {
            BellDiagonalState pair = Circuits.RandomBellDiagonal(random);
            BellDiagonalState fast = pair.ApplyNoise(channel);
            for (int qubit = 0; qubit < 2; qubit++)
            {
                BellDiagonalState exact = pair.ToDensityMatrix().ApplyChannel(channel, qubit).ToBellDiagonal();
                for (int k = 0; k < 4; k++)
                {
                    Assert.Equal(exact[k], fast[k], Exact);
                }
            }
        }
    }

    [Fact]
    public void DepolarizingChannel_RandomQubit_IsNetSquidConvention()
    {
        const double P = 0.37;
        DensityMatrix rho = DensityMatrix.FromPure(StateVectors.Qubit(1.1, 0.4));
        DensityMatrix before = rho.Clone();
        rho.ApplyChannel(new DepolarizingChannel(P), 0);
        // ρ → (1−p)ρ + p·I/2, element by element.
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 2; c++)
            {
                Complex expected = (1 - P) * before[r, c] + (r == c ? P / 2 : 0);
                Assert.Equal(0, (rho[r, c] - expected).Magnitude, Exact);
            }
        }
        Assert.Equal(1 - 3 * P / 4, DensityMatrix.Bell(0).ApplyChannel(new DepolarizingChannel(P), 1).Fidelity, Exact);
        Assert.Equal(1 - 3 * P / 4, BellDiagonalState.Perfect.Depolarize(P).Fidelity, Exact);
    }

    [Fact]
    public void MemoryDecoherenceChannel_PlusState_RelaxesPopulationWithT1AndCoherenceWithT2()
    {
        const double T = 0.2, T1 = 0.5, T2 = 0.3;
        DensityMatrix rho = DensityMatrix.FromPure(StateVectors.Qubit(Math.PI / 2, 0));
        rho.ApplyChannel(new MemoryDecoherenceChannel(T, T1, T2), 0);
        Assert.Equal(0.5 * Math.Exp(-T / T1), rho[1, 1].Real, Exact);
        Assert.Equal(0.5 * Math.Exp(-T / T2), rho[0, 1].Real, Exact);
        Assert.Equal(0, rho[0, 1].Imaginary, Exact);
    }

    [Fact]
    public void MemoryDecoherenceChannel_T2AboveTwiceT1_ThrowsNamingField()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryDecoherenceChannel(1, 1, 2.5));
        Assert.Equal("T2Seconds", ex.ParamName);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void DephasingChannel_ProbabilityOutOfRange_ThrowsNamingField(double p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DephasingChannel(p));
        Assert.Equal("probability", ex.ParamName);
    }

    [Fact]
    public void IQuantumState_ApplyNoiseOnEitherRepresentation_GivesSameFidelity()
    {
        INoiseChannel channel = new AmplitudeDampingChannel(0.3);
        IQuantumState fast = BellDiagonalState.Werner(0.9);
        IQuantumState exact = DensityMatrix.Werner(0.9);
        Assert.Equal(exact.ApplyNoise(channel, 1).Fidelity, fast.ApplyNoise(channel, 1).Fidelity, Exact);
        Assert.Equal(exact.ToBellDiagonal().Fidelity, exact.Fidelity, Exact);
        Assert.Equal(BellDiagonalState.Werner(0.9), fast.ToBellDiagonal());
        Assert.Equal(2, fast.QubitCount);
        Assert.Equal(2, exact.QubitCount);
    }
}
