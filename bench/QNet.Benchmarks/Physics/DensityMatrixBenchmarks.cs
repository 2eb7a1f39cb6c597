using BenchmarkDotNet.Attributes;
using QNet.Physics.Hardware;
using QNet.Physics.Noise;
using QNet.Physics.States;

namespace QNet.Benchmarks.Physics;

/// <summary>Cost of one channel or gate on a 10-qubit density matrix (1024×1024 complex, 16 MiB).</summary>
[MemoryDiagnoser]
public class DensityMatrixBenchmarks
{
    private DensityMatrix _rho = null!;
    private readonly INoiseChannel _decoherence = new MemoryDecoherenceChannel(0.1, 1, 0.5);
    private readonly BellStateMeasurement _bsm = new(1, 0.01, 0.01);
    private readonly DensityMatrix _left = DensityMatrix.Werner(0.95).ApplyChannel(new AmplitudeDampingChannel(0.1), 1);
    private readonly DensityMatrix _right = DensityMatrix.Werner(0.9);

    [Params(10)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup() => _rho = DensityMatrix.Ghz(Qubits);

    [Benchmark]
    public DensityMatrix OneQubitT1T2Channel() => _rho.ApplyChannel(_decoherence, Qubits / 2);

    [Benchmark]
    public DensityMatrix TwoQubitCnot() => _rho.ApplyUnitary(2, 7, TwoQubitOperator.Cnot);

    [Benchmark]
    public DensityMatrix ExactNoisySwapOfTwoPairs() => _bsm.Swap(_left, _right);

    [Benchmark]
    public double MeasureProbability() => _rho.OutcomeProbability(3, MeasurementBasis.X, 0);
}
