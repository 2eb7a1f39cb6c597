using BenchmarkDotNet.Attributes;
using QNet.Physics.Hardware;
using QNet.Physics.Purification;
using QNet.Physics.States;

namespace QNet.Benchmarks.Physics;

/// <summary>Per-operation cost of the Bell-diagonal fast path (the operations a repeater chain performs per pair).</summary>
[MemoryDiagnoser]
public class BellDiagonalBenchmarks
{
    private readonly BellDiagonalState _left = BellDiagonalState.Werner(0.95);
    private readonly BellDiagonalState _right = new(0.9, 0.04, 0.03, 0.03);
    private readonly BellStateMeasurement _bsm = new(0.5, 0.01, 0.01);

    [Benchmark]
    public BellDiagonalState Swap() => BellDiagonalState.Swap(_left, _right);

    [Benchmark]
    public BellDiagonalState NoisyBsmSwap() => _bsm.Swap(_left, _right);

    [Benchmark]
    public BellDiagonalState Decohere() => _left.Decohere(0.01, 10, 1);

    /// <summary>A stored pair's two halves in alike memories without T1 decay (dephasing only), as a long chain's swap does twice.</summary>
    [Benchmark]
    public BellDiagonalState DephaseBothHalves() => _left.DecohereBoth(0.01, double.PositiveInfinity, 1, double.PositiveInfinity, 1);

    [Benchmark]
    public PurificationResult Dejmps() => DejmpsPurification.Apply(_left, _right);
}
